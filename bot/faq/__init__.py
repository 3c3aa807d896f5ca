"""The FAQ: patients' questions answered from the guide or the clinic, and staff writing the
clinic's own answers. Everything of the FAQ outside SQL and content lives here.

The one way in: `engine.Faq.for_clinic(store, clinic).answer(question)`. The bot
(`questions.handle_message`), `aftercare ask` and `aftercare faq eval` all answer through it.

    engine       the answer order: red flags, small talk, the clinic's entries, the guide
    parts        a message split into its questions and the statements around them
    ranking      retrieval (FTS5 candidates) and scoring by the question's rare words
    units        what the guide answers with (curated entries, passages), indexed
    quoting      how a quote is shown: connective cut, at most two, answering clause bold
    passages     a clinic switching passages of the guide off and on
    analyzer     text to search terms (stems, synonyms); spelling: one-letter typos
    redflags     urgent signs, on the raw text, before anything else; a report escalates, a
                 question about a symptom goes on to the FAQ (package: one module per step)
    smalltalk    greetings, thanks and goodbyes
    answer       the `Answer` and the fixed replies around it
    clinic_entry a clinic's own entry as the engine takes it
    clinic_faq   staff writing those entries (/faq, /faq add, /faq delete)
    questions    a patient's message: what they hear, in order, and what staff must hear
    evaluation   grading on question files

Kept with their kind: SQL in `bot/store/faq_entries.py` (the clinics' entries) and
`bot/store/faq_index.py` (the in-memory FTS5 index); the guide's curated entries in
`content/faq.py` with `faq.yaml`, the word lists in `content/lexicon.py` with `synonyms.yaml`
and `scope.yaml`, the red-flag thresholds in `content/redflags.py` with `redflags.yaml`.
"""
