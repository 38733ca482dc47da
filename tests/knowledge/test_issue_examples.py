"""What people really type: apps described, two apps, look-alike hosts, apps outside the catalog, one
generic word, questions about pinning without its words. None of these is special-cased in the engine."""
import pytest


@pytest.mark.parametrize("query, app", [
    ("the photo app where snaps disappear won't refresh", "snapchat"),
    ("Amazon's voice assistant can't reach anything", "amazon-alexa"),
    ("Google's photo and file backup thing on my laptop stopped syncing", "google-shared-services"),
    ("OneDrive won't sync at the office", "microsoft-365"),
    ("Photoshop can't sign in on the corporate wifi", "adobe-creative-cloud"),
    ("the Overwatch launcher can't download the patch at work", "blizzard"),
    # a kind said beside words of the app's own ("ghost", "yellow")
    ("the messenger with the white ghost on yellow won't send snaps at work", "snapchat"),
    # a product's name holding an everyday problem word ("Fonts") is still the product
    ("Adobe Fonts won't activate in InDesign on the office network", "adobe-creative-cloud"),
    # an app outside the catalog beside a catalog app named as an app ("my Xbox account")
    ("the Minecraft launcher can't sign in to my Xbox account at the office", "xbox-live"),
    # chat shorthand for a product
    ("msgr stuck on connecting on the office wifi", "facebook-messenger"),
    ("the cc app won't sign me in at work", "adobe-creative-cloud"),
])
def test_an_app_described_or_named_by_its_family_is_answered(engine, query, app):
    answer = engine.ask(query)
    assert answer.outcome == "answered" and answer.matches[0].id == app, answer.message


@pytest.mark.parametrize("query", [
    "Starling bank app can't connect", "ring app", "Wealthsimple won't load on the office wifi",
    "Bunq says no internet connection", "Tabby app shows network error at the office",
    "the Pixelnote desktop app won't sync on the office network", "the Kestrel Fly app won't load bookings at work",
])
def test_an_app_outside_the_catalog_abstains(engine, query):
    answer = engine.ask(query)
    assert answer.outcome == "abstained", answer.message
    assert answer.confidence < engine.threshold


def test_cc_as_an_email_copy_is_no_product(engine):
    answer = engine.ask("cc me on the email once the proxy is fixed, the app is stuck")
    assert not answer.matches or answer.matches[0].id != "adobe-creative-cloud"


def test_an_unknown_name_is_named_when_the_list_knows_it(engine):
    answer = engine.ask("Starling bank app can't connect")
    assert answer.unlisted_apps == ("Starling Bank",) and "Starling Bank is not in the catalog" in answer.message


@pytest.mark.parametrize("query", [
    "the bank app says your connection is not secure", "windows update error 0x80072f8f",
    "my weather app shows the wrong city", "the airline app won't show my boarding pass",
    "the game launcher on my laptop is stuck updating", "the store won't load", "store keeps spinning at work",
    "my note-taking app won't sync on the office wifi", "the note taking app keeps failing to sync at work",
    "the update keeps failing on my machine at the office",
    # only that something fails, and nothing of which app
    "error", "not loading", "ssl error at the office",
    # ... even where those words are all of some app's error text ("Cannot connect" is one app's whole message)
    "cannot connect", "connection failed at the office",
])
def test_a_generic_word_alone_never_answers(engine, query):
    assert engine.ask(query).outcome == "abstained"


@pytest.mark.parametrize("query", [
    "outlook calendar shows all my meetings an hour off since the clocks changed",
    "how many microsoft 365 licences do we have left for the new starters?",
    "how do I reset my spotify password",
    "My Xbox controller keeps disconnecting from Bluetooth",
    "Outlook für iOS stürzt ab",
    # not pinning even on the office network: a proxy detected, a full account, a browser lacking the CA
    "On the corporate wifi Netflix stops playback, saying a proxy detected",
    "paypal.com in Firefox on the office network shows SEC_ERROR_UNKNOWN_ISSUER",
    "Dropbox stopped syncing on the office wifi because my storage is full",
    "Outlook on the office network keeps sending my automatic reply twice",
    # the sound and the subtitles are the app's, not the network's
    "spotify plays with no sound at the office since this morning",
    "the netflix captions are out of sync with the video on the office tv",
])
def test_a_covered_vendors_problem_that_is_not_the_network_abstains(engine, query):
    answer = engine.ask(query)
    assert answer.outcome == "abstained" and "not about the network" in answer.message


def test_a_question_about_pinning_without_its_keywords_goes_to_the_articles(engine):
    answer = engine.ask("we deployed our root certificate everywhere, why do a few apps still refuse?")
    assert answer.answered and answer.matches[0].type == "article"


@pytest.mark.parametrize("query, article", [
    ("Which alert should I watch for when clients drop the connection right after the server hello?",
     "recognising-pinning"),
    ("HPKP and pinning: which one breaks an inspecting proxy that re-signs traffic?", "what-is-pinning"),
])
def test_a_question_in_other_words_or_with_unknown_terms_goes_to_the_articles(engine, query, article):
    answer = engine.ask(query)
    assert answer.answered and answer.matches[0].type == "article" and answer.matches[0].id == article
