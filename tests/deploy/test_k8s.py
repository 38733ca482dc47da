"""deploy/k8s passes kubernetes-validate --strict, and its parts fit each other and the image."""
import importlib.util
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
# The oldest Kubernetes still commonly run and the newest the bundled schemas know.
VERSIONS = ["1.30.0", kubernetes_validate.latest_version()]
SECRET_KEYS = {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "PINDESK_ADMIN_TOKEN",
               "PINDESK_DATABASE_URL"}


def manifests() -> dict[str, dict]:
    """Every resource in deploy/k8s, by kind."""
    found = {}
    for path in sorted(K8S.glob("*.yaml")):
        for resource in yaml.safe_load_all(path.read_text()):
            found[resource["kind"]] = resource
    return found


def make_configmap():
    """deploy/k8s/make-configmap.py as a module."""
    spec = importlib.util.spec_from_file_location("make_configmap", K8S / "make-configmap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", sorted(p.name for p in K8S.glob("*.yaml")))
def test_manifests_pass_strict_validation(path, version):
    for resource in yaml.safe_load_all((K8S / path).read_text()):
        try:
            kubernetes_validate.validate(resource, version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(f"{path}: {resource['kind']} fails against Kubernetes {version}: {exc}")


def test_every_part_is_there():
    assert set(manifests()) == {"Deployment", "Service", "HorizontalPodAutoscaler", "ConfigMap", "Secret"}


def test_the_deployment_probes_and_limits():
    deployment = manifests()["Deployment"]
    assert deployment["spec"]["replicas"] == 3
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    resources = container["resources"]
    assert set(resources["requests"]) == set(resources["limits"]) == {"cpu", "memory"}
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    writable = {m["mountPath"] for m in container["volumeMounts"] if not m.get("readOnly")}
    assert "/tmp" in writable  # gunicorn's worker heartbeat files


def test_the_parts_refer_to_each_other():
    found = manifests()
    deployment, pod_labels = found["Deployment"], found["Deployment"]["spec"]["template"]["metadata"]["labels"]
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert found["Service"]["spec"]["selector"].items() <= pod_labels.items()
    assert found["Service"]["spec"]["ports"][0]["targetPort"] in [p["name"] for p in container["ports"]]
    hpa = found["HorizontalPodAutoscaler"]
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert hpa["spec"]["minReplicas"] == deployment["spec"]["replicas"]
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    assert container["envFrom"][0]["secretRef"]["name"] == found["Secret"]["metadata"]["name"]
    volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
    catalog_mount = next(m for m in container["volumeMounts"] if volumes[m["name"]].get("configMap"))
    assert volumes[catalog_mount["name"]]["configMap"]["name"] == found["ConfigMap"]["metadata"]["name"]
    env = {e["name"]: e["value"] for e in container["env"]}
    assert env["PINDESK_CATALOG"] == f"{catalog_mount['mountPath']}/catalog.yaml"
    assert env["PINDESK_HOST"] == "0.0.0.0"


def test_the_secret_is_a_template_with_every_token():
    data = manifests()["Secret"]["stringData"]
    assert set(data) == SECRET_KEYS
    assert all("CHANGE-ME" in value for value in data.values())


def test_the_configmap_holds_the_shipped_catalog_unchanged():
    module = make_configmap()
    committed = (K8S / "configmap-catalog.yaml").read_text()
    assert committed == module.render(module.CATALOG.read_text()), \
        "deploy/k8s/configmap-catalog.yaml is stale: run python deploy/k8s/make-configmap.py"
    assert manifests()["ConfigMap"]["data"]["catalog.yaml"] == module.CATALOG.read_text()


def test_make_configmap_check_says_when_it_is_stale(tmp_path):
    module = make_configmap()
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text("apps: []\n")
    output = tmp_path / "configmap.yaml"
    assert module.main(["--catalog", str(catalog), "-o", str(output), "--check"]) == 1
    assert module.main(["--catalog", str(catalog), "-o", str(output)]) == 0
    assert module.main(["--catalog", str(catalog), "-o", str(output), "--check"]) == 0
    assert yaml.safe_load(output.read_text())["data"]["catalog.yaml"] == "apps: []\n"
