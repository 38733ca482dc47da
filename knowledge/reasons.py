"""Why pindesk did not answer: the reasons an abstained answer gives, in words a helpdesk can act on."""

UNKNOWN_NAME = ("it names an app pindesk does not know, and nothing in it (a name, a host) points to an app of the "
                "catalog")
KIND_OF_APP = ("it speaks of a kind of app (\"the bank app\"), not of one app: many apps of that kind exist, and "
               "nothing in it names or describes one of the catalog")
UNNAMED_APP = ("it does not say which app (\"the app\", \"my app\"), and nothing in it names or describes one of the "
               "catalog")
EVERYDAY_WORDS = ("what fits it are everyday words for kinds of apps (\"windows\", \"update\"), which never name "
                  "one, and nothing else in it points to an app of the catalog")
BARE = "it says only that something fails (\"error\", \"not loading\"), not which app"
OFF_THE_NETWORK = ("what it asks is not about the network (a setting, an account, a crash, a proxy detected, a "
                   "browser without the proxy's root certificate): not a pinning problem")
TOO_LITTLE = "nothing in the catalog fits this well enough"
