-- One visible conversation of :rows generated messages, written straight into the tables the way a completed
-- import leaves them (psql -v conversation=UUID -v rows=N -v ok_every=5). A message every 20 s from 2020-01-01;
-- one in :ok_every contains "ok" (~20% with 5), 0.01% "zebra"; English, German and Spanish lines so the search
-- indexer stems by language; every 50th is a photo. The search indexer builds message_search afterwards, as it does
-- behind real imports.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO conversations (id, owner_id, title, source_format, message_count, visible, participants,
                           first_sent_at, last_sent_at)
VALUES (:'conversation', 'local', :'title', 'WHATSAPP', 0, false,
        ARRAY['Alice','Bob','Carol','Dave','Eve','Frank','Grace','Heidi','Ivan','Judy','Mallory','Niaj'],
        '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z'::timestamptz + (:rows - 1) * interval '20 seconds');
INSERT INTO messages (conversation_id, ordinal, sent_at, local_time, sender, kind, body, edited, extra, import_id)
SELECT :'conversation', i,
       '2020-01-01T00:00:00Z'::timestamptz + i * interval '20 seconds',
       '2020-01-01T00:00:00'::timestamp + i * interval '20 seconds',
       (ARRAY['Alice','Bob','Carol','Dave','Eve','Frank','Grace','Heidi','Ivan','Judy','Mallory','Niaj'])[1 + (i * 7) % 12],
       CASE WHEN i % 50 = 1 THEN 'MEDIA' ELSE 'TEXT' END,
       CASE WHEN i % 10000 = 7 THEN 'I saw a zebra at the zoo today'
            WHEN i % :ok_every = 0 THEN (ARRAY['ok', 'ok 👍', 'ok, see you at the station', 'ok thanks, I am running late'])[1 + (i / :ok_every) % 4]
            WHEN i % 50 = 1 THEN 'photo'
            ELSE (ARRAY['Are we still meeting for dinner tonight?',
                        'I think the train was late again',
                        'Did you see the game yesterday? What a finish',
                        'Can you send me the address please',
                        'Haha that is so funny 😂',
                        'We should plan the trip for the summer holidays',
                        'Ich bin gleich da, der Bus hat Verspätung',
                        'Hast du die Fotos von gestern schon gesehen?',
                        'Wir treffen uns um acht Uhr am Bahnhof',
                        '¿Dónde estás? Te estoy esperando en la plaza',
                        'Gracias por la cena, estuvo muy rica',
                        'Happy birthday!! 🎉🎂 have a great day',
                        'Running a bit behind, be there in ten minutes',
                        'The kids loved the park this afternoon',
                        'Check this out https://example.com/article',
                        'Good morning everyone ☀️'])[1 + (i * 7919) % 16]
       END,
       i % 97 = 0,
       CASE WHEN i % 50 = 1 THEN jsonb_build_object('attachment', jsonb_build_object(
            'fileName', 'IMG-' || i || '.jpg', 'mediaType', 'IMAGE', 'present', false)) END,
       :'conversation'
FROM generate_series(0::bigint, :rows - 1) AS i;
UPDATE conversations SET message_count = :rows, visible = true, updated_at = now() WHERE id = :'conversation';
COMMIT;
ANALYZE conversations;
ANALYZE messages;
