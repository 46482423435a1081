-- The club benchmark's data (scripts/bench.sh club): 1,000 anglers × 20 seasons × 12 tournaments, every angler fishing
-- every tournament (240,000 results), written in one transaction with recursive CTEs instead of through the app, so
-- seeding takes seconds. Ids are fixed so runs compare. Places and points are left to the standings, which score the
-- bags when a season is first read (that is the cold request the script times).
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO club_anglers (id, name, email, kind, news_emails, created_at)
SELECT printf('00000000-0000-7000-8000-%012X', i), printf('Bench Angler %04d', i), printf('angler%04d@example.org', i),
       CASE WHEN i % 20 = 0 THEN 'Guest' ELSE 'Member' END, 0, '2005-01-01 00:00:00'
FROM n;

WITH RECURSIVE t(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM t WHERE j < 239)
INSERT INTO club_events (id, kind, title, starts_at, ends_at, sequence, created_at, updated_at)
SELECT printf('00000000-0000-7000-9000-%012X', j), 'Tournament', printf('Bench %d-%02d', 2006 + j / 12, j % 12 + 1),
       printf('%d-%02d-10 11:30:00', 2006 + j / 12, j % 12 + 1), printf('%d-%02d-10 20:00:00', 2006 + j / 12, j % 12 + 1),
       0, '2005-01-01 00:00:00', '2005-01-01 00:00:00'
FROM t;

WITH RECURSIVE t(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM t WHERE j < 239)
INSERT INTO club_tournaments (id, season, entry_fee_cents, big_bass_pot_cents, payout_percents, fish_limit, counts_for_angler_of_the_year, status)
SELECT printf('00000000-0000-7000-9000-%012X', j), 2006 + j / 12, 4000, 1000, '50,30,20', 5, 1, 'Completed'
FROM t;

WITH RECURSIVE t(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM t WHERE j < 239),
               n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000),
     bags AS (SELECT j, i, abs(random()) % 6 AS fish, abs(random()) % 450 AS per FROM t, n)
INSERT INTO club_results (id, tournament_id, angler_id, fish, total_weight, big_bass, dead_fish_penalty, disqualified, buy_in, member, points, updated_at)
SELECT printf('00000001-0000-7000-8000-%06X%06X', j, i), printf('00000000-0000-7000-9000-%012X', j), printf('00000000-0000-7000-8000-%012X', i),
       fish, fish * (120 + per), CASE WHEN fish = 0 THEN 0 ELSE 120 + per + fish * 10 END, 0, 0, 0, CASE WHEN i % 20 = 0 THEN 0 ELSE 1 END, 0,
       '2005-01-01 00:00:00'
FROM bags;
COMMIT;
