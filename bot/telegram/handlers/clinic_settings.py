"""/settings: a clinic's settings for its team; changing one is for admins.

`/settings` shows every setting with the recent changes; `/settings <field> <value>` checks
the value like `aftercare clinic add` does and stores it with who and when, or changes nothing
and names the field. A new time zone, send window or interval moves messages not yet sent.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.people import clinic_settings, setting_fields, settings_view
from bot.people.registration import ClinicInputError
from bot.telegram.handlers.common import admin_clinic, services, staff_clinic
from bot.wording.staff import settings as words


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    chat_id = update.effective_chat.id
    message = update.effective_message
    if not context.args:
        clinic = await staff_clinic(update, context)
        if clinic is not None:
            text = await s.db.read(settings_view.overview, s.store, clinic, viewer_chat_id=chat_id)
            await message.reply_text(text)
        return
    clinic = await admin_clinic(update, context)
    if clinic is None:
        return
    key = clinic_settings.field_key(context.args[0])
    if key is None:
        keys = [field.key for field in setting_fields.FIELDS]
        await message.reply_text(words.unknown_field(context.args[0], keys))
        return
    # The value as typed, spaces kept ("Mon-Fri 09:00-18:00, Sat 10:00-13:00").
    value = message.text.split(maxsplit=2)[2] if len(context.args) > 1 else ""
    if not value.strip():
        field = setting_fields.BY_KEY[key]
        await message.reply_text(words.missing_value(key, field.example))
        return
    try:
        changed = await s.db(
            clinic_settings.change,
            s.store,
            clinic.id,
            {key: value},
            author=f"staff:{chat_id}",
            now=s.clock.now(),
            replan=s.replan_clinic,
            timeline=s.timeline(),
        )
    except ClinicInputError as error:
        await message.reply_text(words.not_changed(error.problems))
        return
    await message.reply_text(settings_view.reply(changed))
