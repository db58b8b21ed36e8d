import type { Migration } from './types.js';

/**
 * Complaints (投诉) with their timeline, satisfaction answers (NPS, 满意度调查) and the daily
 * care task list (客户关怀 / 回访).
 *
 * - Channels and categories are stable codes (`in_store`, `service`, …); the shop's list of
 *   them, with zh-CN/en labels and custom extra entries, lives in `settings`
 *   (key `complaints.lists`), so the columns only check the code's shape.
 * - `complaint_events` is the timeline: who did what when. It only grows.
 * - `care_tasks` are generated each day and must be generated once: the unique index on
 *   (kind, member, complaint, occasion) makes a second run a no-op. The occasion is what the
 *   task is about (the birthday date, the last sale date of a lapse, the first sale date of a
 *   new customer, the follow-up date of a complaint), so a member who comes back and lapses
 *   again gets a new task, but never two for the same lapse.
 */
export const m007Complaints: Migration = {
  version: 7,
  name: 'complaints',
  up(db) {
    db.exec(`
      CREATE TABLE complaints (
        id           INTEGER PRIMARY KEY,
        logged_at    TEXT NOT NULL,                 -- shop-local YYYY-MM-DDTHH:mm:ss
        channel      TEXT NOT NULL CHECK (length(channel) BETWEEN 1 AND 32),
        category     TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 32),
        severity     TEXT NOT NULL CHECK (severity IN ('low','medium','high')),
        description  TEXT NOT NULL,
        member_id    INTEGER REFERENCES members(id),
        sale_id      INTEGER REFERENCES sales(id),
        status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','resolved','closed')),
        assignee_id  INTEGER REFERENCES staff(id),
        resolution   TEXT NOT NULL DEFAULT '',
        follow_up_on TEXT,                          -- shop-local YYYY-MM-DD
        satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
        resolved_at  TEXT,
        closed_at    TEXT,
        created_by   INTEGER REFERENCES staff(id),  -- NULL for imports run from the CLI
        source       TEXT NOT NULL DEFAULT 'till' CHECK (source IN ('till','import')),
        updated_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX complaints_logged ON complaints(logged_at, category);
      CREATE INDEX complaints_status ON complaints(status, logged_at);
      CREATE INDEX complaints_created_by ON complaints(created_by, logged_at);
      CREATE INDEX complaints_member ON complaints(member_id, logged_at) WHERE member_id IS NOT NULL;
      CREATE INDEX complaints_sale ON complaints(sale_id) WHERE sale_id IS NOT NULL;
      CREATE INDEX complaints_follow_up ON complaints(follow_up_on) WHERE status <> 'closed';

      CREATE TRIGGER complaints_origin_frozen BEFORE UPDATE OF logged_at, created_by, source ON complaints
        BEGIN SELECT RAISE(ABORT, 'a complaint''s origin is not rewritten'); END;
      CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints
        BEGIN SELECT RAISE(ABORT, 'complaints are kept'); END;

      CREATE TABLE complaint_events (
        id           INTEGER PRIMARY KEY,
        complaint_id INTEGER NOT NULL REFERENCES complaints(id),
        at           TEXT NOT NULL,
        staff_id     INTEGER REFERENCES staff(id),
        kind         TEXT NOT NULL CHECK (kind IN ('logged','imported','status','assignee','resolution','follow_up','satisfaction','note','compensation')),
        from_value   TEXT,
        to_value     TEXT,
        note         TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX complaint_events_complaint ON complaint_events(complaint_id, id);
      CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events
        BEGIN SELECT RAISE(ABORT, 'complaint_events is append-only'); END;
      CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON complaint_events
        BEGIN SELECT RAISE(ABORT, 'complaint_events is append-only'); END;

      CREATE TABLE feedback (
        id             INTEGER PRIMARY KEY,
        answered_at    TEXT NOT NULL,               -- shop-local YYYY-MM-DDTHH:mm:ss
        score          INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
        comment        TEXT NOT NULL DEFAULT '',
        member_id      INTEGER REFERENCES members(id),
        sale_id        INTEGER REFERENCES sales(id),
        rating_service INTEGER CHECK (rating_service IS NULL OR rating_service BETWEEN 1 AND 5),
        rating_product INTEGER CHECK (rating_product IS NULL OR rating_product BETWEEN 1 AND 5),
        rating_price   INTEGER CHECK (rating_price IS NULL OR rating_price BETWEEN 1 AND 5),
        staff_id       INTEGER REFERENCES staff(id),
        source         TEXT NOT NULL DEFAULT 'till' CHECK (source IN ('till','import'))
      ) STRICT;
      CREATE INDEX feedback_answered ON feedback(answered_at);
      CREATE INDEX feedback_member ON feedback(member_id, answered_at) WHERE member_id IS NOT NULL;
      -- One answer per sale: a double keystroke at the till does not count twice.
      CREATE UNIQUE INDEX feedback_sale ON feedback(sale_id) WHERE sale_id IS NOT NULL;

      CREATE TABLE care_tasks (
        id           INTEGER PRIMARY KEY,
        kind         TEXT NOT NULL CHECK (kind IN ('birthday','win_back','at_risk','complaint_follow_up','welcome_back')),
        member_id    INTEGER REFERENCES members(id),
        complaint_id INTEGER REFERENCES complaints(id),
        occasion     TEXT NOT NULL,                 -- the date the task is about (see above)
        due_on       TEXT NOT NULL,
        generated_on TEXT NOT NULL,
        status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','dropped')),
        outcome      TEXT CHECK (outcome IS NULL OR outcome IN ('called','no_answer','coupon_sent','declined')),
        done_by      INTEGER REFERENCES staff(id),
        done_at      TEXT,
        note         TEXT NOT NULL DEFAULT '',
        details      TEXT NOT NULL DEFAULT '{}',    -- JSON: why the task exists (last sale, spend, birthday, category)
        CHECK ((status = 'done') = (outcome IS NOT NULL)),
        CHECK (member_id IS NOT NULL OR complaint_id IS NOT NULL)
      ) STRICT;
      CREATE UNIQUE INDEX care_tasks_once ON care_tasks(kind, coalesce(member_id, 0), coalesce(complaint_id, 0), occasion);
      CREATE INDEX care_tasks_status ON care_tasks(status, due_on, kind);
      CREATE INDEX care_tasks_member ON care_tasks(member_id) WHERE member_id IS NOT NULL;
      CREATE INDEX care_tasks_complaint ON care_tasks(complaint_id) WHERE complaint_id IS NOT NULL;
    `);
  },
};
