-- Keys (local time, sender, text) of a conversation's first messages, in order. A later export of the same chat
-- shares them; two chats that merely open with the same encryption notice in the same minute do not.
ALTER TABLE conversations ADD COLUMN opening_keys text[];
