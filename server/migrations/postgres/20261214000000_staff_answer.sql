-- Whether staff may answer customers' questions and fediverse replies in the shop's name
-- (the owner's choice; they read them only when staff_see_questions is on as well).
ALTER TABLE businesses ADD COLUMN staff_answer_questions BOOLEAN NOT NULL DEFAULT FALSE;
