"""Every fixed reply the bot sends that is not medical, in one package per audience.

`bot.wording.patients` is what patients (and anyone who is not staff) read; `bot.wording.staff`
is what a clinic's staff read. Each audience is split by topic, one small module each, and
callers import the topic they need: `from bot.wording.patients import joining`, then
`joining.LINK_EXPIRED`. No module re-exports another's names.

Medical wording never lives here. Every medical sentence a patient sees comes from `content/`
as a verbatim quote of the source documents (or is marked as the clinic's own words); the
sentences here only greet, explain the bot, refer to the clinic and say what happened.

The modules import nothing from `bot`: they take plain values (names, numbers, already
formatted times) and return text, so any area may use them without an import loop.
"""
