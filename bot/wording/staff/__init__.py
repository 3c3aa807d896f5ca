"""What a clinic's staff read, by topic: `team` (joining, help, the command menu, a draft's
buttons), `enrolling` (/enroll), `roster` (/patients, /cancel, /queue, /stats), `alerts`
(patients' escalations and the staff reply), `step_wording` (/content, /edit, /revert) and
`own_answers` (/faq) and `numbers` (a number in any command that cannot be read).
"""
