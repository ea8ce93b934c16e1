import StarlingCore
import StarlingSQL

/// The schema, as numbered steps. A database records the last step applied in `PRAGMA user_version`;
/// start-up applies the missing steps in one transaction each, and refuses a database from a newer build.
/// Add a step at the end; never edit a step that has shipped.
enum Migrations {
    static let steps: [String] = [
        // 1: accounts, posts, tags, relations, notifications, sessions, search.
        """
        CREATE TABLE accounts (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL,
            username_key TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL DEFAULT '',
            bio TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'member')),
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            notifications_read_id INTEGER NOT NULL DEFAULT 0,
            posts_count INTEGER NOT NULL DEFAULT 0,
            followers_count INTEGER NOT NULL DEFAULT 0,
            following_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE posts (
            id INTEGER PRIMARY KEY,
            author_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            visibility TEXT NOT NULL CHECK (visibility IN ('public', 'organization', 'followers', 'direct')),
            source TEXT NOT NULL,
            html TEXT NOT NULL,
            content_warning TEXT NOT NULL DEFAULT '',
            in_reply_to_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
            in_reply_to_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            repost_of_id INTEGER REFERENCES posts(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            replies_count INTEGER NOT NULL DEFAULT 0,
            reposts_count INTEGER NOT NULL DEFAULT 0,
            likes_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX posts_by_author ON posts(author_id, id);
        CREATE INDEX posts_by_parent ON posts(in_reply_to_id) WHERE in_reply_to_id IS NOT NULL;
        CREATE UNIQUE INDEX posts_one_repost ON posts(repost_of_id, author_id) WHERE repost_of_id IS NOT NULL;
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            posts_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE post_tags (
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            PRIMARY KEY (tag_id, post_id)
        ) WITHOUT ROWID;
        CREATE INDEX post_tags_by_post ON post_tags(post_id);
        CREATE TABLE mentions (
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (post_id, account_id)
        ) WITHOUT ROWID;
        CREATE INDEX mentions_by_account ON mentions(account_id, post_id);
        CREATE TABLE follows (
            follower_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            followee_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (follower_id, followee_id)
        ) WITHOUT ROWID;
        CREATE INDEX follows_by_followee ON follows(followee_id, follower_id);
        CREATE TABLE tag_follows (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (account_id, tag_id)
        ) WITHOUT ROWID;
        CREATE TABLE mutes (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (account_id, target_id)
        ) WITHOUT ROWID;
        CREATE TABLE blocks (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (account_id, target_id)
        ) WITHOUT ROWID;
        CREATE INDEX blocks_by_target ON blocks(target_id, account_id);
        CREATE TABLE likes (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            id INTEGER NOT NULL,
            PRIMARY KEY (account_id, post_id)
        ) WITHOUT ROWID;
        CREATE INDEX likes_by_time ON likes(account_id, id);
        CREATE INDEX likes_by_post ON likes(post_id);
        CREATE TABLE bookmarks (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            id INTEGER NOT NULL,
            PRIMARY KEY (account_id, post_id)
        ) WITHOUT ROWID;
        CREATE INDEX bookmarks_by_time ON bookmarks(account_id, id);
        CREATE TABLE notifications (
            id INTEGER PRIMARY KEY,
            recipient_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            actor_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX notifications_by_recipient ON notifications(recipient_id, id);
        CREATE TABLE invitations (
            code TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            used_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            used_at INTEGER
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            expires_at INTEGER NOT NULL
        );
        CREATE TABLE idempotency_keys (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, key)
        );
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE VIRTUAL TABLE posts_search USING fts5(
            source, content = 'posts', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER posts_search_insert AFTER INSERT ON posts WHEN new.repost_of_id IS NULL BEGIN
            INSERT INTO posts_search(rowid, source) VALUES (new.id, new.source);
        END;
        CREATE TRIGGER posts_search_delete AFTER DELETE ON posts WHEN old.repost_of_id IS NULL BEGIN
            INSERT INTO posts_search(posts_search, rowid, source) VALUES ('delete', old.id, old.source);
        END;
        """,
        // 2: uploaded avatars.
        """
        ALTER TABLE accounts ADD COLUMN avatar_path TEXT;
        """,
        // 3: people search by prefix of any name word, without scanning every account.
        """
        CREATE VIRTUAL TABLE accounts_search USING fts5(
            username, display_name, content = 'accounts', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
        );
        INSERT INTO accounts_search(accounts_search) VALUES ('rebuild');
        CREATE TRIGGER accounts_search_insert AFTER INSERT ON accounts BEGIN
            INSERT INTO accounts_search(rowid, username, display_name) VALUES (new.id, new.username, new.display_name);
        END;
        CREATE TRIGGER accounts_search_update AFTER UPDATE OF username, display_name ON accounts BEGIN
            INSERT INTO accounts_search(accounts_search, rowid, username, display_name) VALUES ('delete', old.id, old.username, old.display_name);
            INSERT INTO accounts_search(rowid, username, display_name) VALUES (new.id, new.username, new.display_name);
        END;
        CREATE TRIGGER accounts_search_delete AFTER DELETE ON accounts BEGIN
            INSERT INTO accounts_search(accounts_search, rowid, username, display_name) VALUES ('delete', old.id, old.username, old.display_name);
        END;
        """,
        // 4: OAuth client apps and access tokens (secrets and tokens stored hashed).
        """
        CREATE TABLE oauth_apps (
            id INTEGER PRIMARY KEY,
            client_id TEXT NOT NULL UNIQUE,
            secret_hash TEXT NOT NULL,
            name TEXT NOT NULL,
            redirect_uris TEXT NOT NULL,
            scopes TEXT NOT NULL,
            website TEXT
        );
        CREATE TABLE oauth_tokens (
            token_hash TEXT PRIMARY KEY,
            app_id INTEGER NOT NULL REFERENCES oauth_apps(id) ON DELETE CASCADE,
            account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
            scopes TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        );
        CREATE INDEX oauth_tokens_by_account ON oauth_tokens(account_id);
        """,
        // 5: reading positions shared between apps (Mastodon markers).
        """
        CREATE TABLE markers (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            timeline TEXT NOT NULL,
            last_read_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, timeline)
        );
        """,
        // 6: authorization codes (with PKCE challenges) and refresh tokens.
        """
        CREATE TABLE oauth_codes (
            code_hash TEXT PRIMARY KEY,
            app_id INTEGER NOT NULL REFERENCES oauth_apps(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            redirect_uri TEXT NOT NULL,
            scopes TEXT NOT NULL,
            code_challenge TEXT,
            expires_at INTEGER NOT NULL,
            used INTEGER NOT NULL DEFAULT 0
        );
        ALTER TABLE oauth_tokens ADD COLUMN refresh_hash TEXT;
        CREATE UNIQUE INDEX oauth_tokens_by_refresh ON oauth_tokens(refresh_hash) WHERE refresh_hash IS NOT NULL;
        """,
        // 7: uploaded images, attached to posts in order.
        """
        CREATE TABLE media (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            file_name TEXT NOT NULL,
            format TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            byte_count INTEGER NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            focus_x REAL NOT NULL DEFAULT 0,
            focus_y REAL NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX media_by_post ON media(post_id, position) WHERE post_id IS NOT NULL;
        CREATE INDEX media_by_account ON media(account_id);
        """,
        // 8: edits (earlier versions kept, search follows the text), pinned posts.
        """
        ALTER TABLE posts ADD COLUMN edited_at INTEGER;
        CREATE TABLE post_versions (
            id INTEGER PRIMARY KEY,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            html TEXT NOT NULL,
            content_warning TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX post_versions_by_post ON post_versions(post_id, id);
        CREATE TRIGGER posts_search_update AFTER UPDATE OF source ON posts WHEN new.repost_of_id IS NULL BEGIN
            INSERT INTO posts_search(posts_search, rowid, source) VALUES ('delete', old.id, old.source);
            INSERT INTO posts_search(rowid, source) VALUES (new.id, new.source);
        END;
        CREATE TABLE pins (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, post_id)
        ) WITHOUT ROWID;
        """,
        // 9: lists of people, read as timelines.
        """
        CREATE TABLE lists (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            replies_policy TEXT NOT NULL DEFAULT 'list' CHECK (replies_policy IN ('followed', 'list', 'none')),
            exclusive INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX lists_by_account ON lists(account_id, id);
        CREATE TABLE list_members (
            list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (list_id, account_id)
        ) WITHOUT ROWID;
        CREATE INDEX list_members_by_account ON list_members(account_id);
        """,
        // 10: polls.
        """
        CREATE TABLE polls (
            post_id INTEGER PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
            expires_at INTEGER NOT NULL,
            multiple INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE poll_options (
            post_id INTEGER NOT NULL REFERENCES polls(post_id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            PRIMARY KEY (post_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE poll_votes (
            post_id INTEGER NOT NULL REFERENCES polls(post_id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (post_id, account_id, position)
        ) WITHOUT ROWID;
        """,
        // 11: posts scheduled for later, published by the server on time.
        """
        CREATE TABLE scheduled_posts (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            scheduled_at INTEGER NOT NULL,
            text TEXT NOT NULL,
            content_warning TEXT NOT NULL,
            visibility TEXT NOT NULL,
            in_reply_to_id INTEGER,
            media_ids TEXT NOT NULL DEFAULT '',
            poll TEXT,
            app_id INTEGER,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX scheduled_posts_due ON scheduled_posts(scheduled_at);
        CREATE INDEX scheduled_posts_by_account ON scheduled_posts(account_id, id);
        """,
        // 12: reports to moderators; dismissed follow suggestions.
        """
        CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            reporter_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_ids TEXT NOT NULL DEFAULT '',
            comment TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL CHECK (category IN ('spam', 'legal', 'violation', 'other')),
            created_at INTEGER NOT NULL,
            resolved_at INTEGER
        );
        CREATE INDEX reports_open ON reports(resolved_at, id);
        CREATE TABLE suggestion_dismissals (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (account_id, target_id)
        ) WITHOUT ROWID;
        """,
        // 13: content filters with keywords and filtered posts.
        """
        CREATE TABLE filters (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            contexts TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('warn', 'hide', 'blur')),
            expires_at INTEGER
        );
        CREATE INDEX filters_by_account ON filters(account_id, id);
        CREATE TABLE filter_keywords (
            id INTEGER PRIMARY KEY,
            filter_id INTEGER NOT NULL REFERENCES filters(id) ON DELETE CASCADE,
            keyword TEXT NOT NULL,
            whole_word INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX filter_keywords_by_filter ON filter_keywords(filter_id);
        CREATE TABLE filter_posts (
            id INTEGER PRIMARY KEY,
            filter_id INTEGER NOT NULL REFERENCES filters(id) ON DELETE CASCADE,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE
        );
        CREATE INDEX filter_posts_by_filter ON filter_posts(filter_id);
        """,
        // 14: the language a post is written in (ISO 639), as its author's app says.
        """
        ALTER TABLE posts ADD COLUMN language TEXT;
        ALTER TABLE scheduled_posts ADD COLUMN language TEXT;
        """,
        // 15: how far each person has read, or hidden, each private conversation.
        """
        CREATE TABLE conversation_marks (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            root_id INTEGER NOT NULL,
            read_up_to INTEGER NOT NULL DEFAULT 0,
            hidden_up_to INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (account_id, root_id)
        ) WITHOUT ROWID;
        """,
        // 16: programs (a learning space per hashtag), their members, and the program a post belongs to.
        """
        CREATE TABLE programs (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            hashtag TEXT NOT NULL,
            tag_key TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL DEFAULT '',
            agreement TEXT NOT NULL DEFAULT '',
            agreement_version INTEGER NOT NULL DEFAULT 1,
            visibility TEXT NOT NULL CHECK (visibility IN ('open', 'private')),
            starts_at INTEGER,
            ends_at INTEGER,
            archived_at INTEGER,
            created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE program_members (
            program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('facilitator', 'moderator', 'learner', 'expert')),
            joined_at INTEGER NOT NULL,
            agreed_at INTEGER,
            agreement_version INTEGER,
            PRIMARY KEY (program_id, account_id)
        ) WITHOUT ROWID;
        CREATE INDEX program_members_by_account ON program_members(account_id, program_id);
        ALTER TABLE posts ADD COLUMN program_id INTEGER REFERENCES programs(id) ON DELETE SET NULL;
        CREATE INDEX posts_by_program ON posts(program_id, id) WHERE program_id IS NOT NULL;
        """,
        // 17: questions and answers: a question's first answer and accepted answers, answers' upvotes.
        """
        ALTER TABLE posts ADD COLUMN question INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE posts ADD COLUMN first_answer_at INTEGER;
        ALTER TABLE posts ADD COLUMN answered_at INTEGER;
        ALTER TABLE posts ADD COLUMN accepted_at INTEGER;
        ALTER TABLE posts ADD COLUMN votes_count INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX posts_questions ON posts(id) WHERE question = 1;
        CREATE TABLE answer_votes (
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (post_id, account_id)
        ) WITHOUT ROWID;
        CREATE TRIGGER accepted_answer_deleted AFTER DELETE ON posts WHEN OLD.accepted_at IS NOT NULL BEGIN
            UPDATE posts SET answered_at = (SELECT min(accepted_at) FROM posts WHERE in_reply_to_id = OLD.in_reply_to_id AND accepted_at IS NOT NULL)
            WHERE id = OLD.in_reply_to_id;
        END;
        """,
        // 18: a program's pinned threads (introductions, challenges, commitments).
        """
        CREATE TABLE program_threads (
            program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('introductions', 'challenges', 'commitments')),
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            PRIMARY KEY (program_id, kind)
        ) WITHOUT ROWID;
        """,
        // 19: a program's knowledge base: pages with their earlier revisions, searchable.
        """
        CREATE TABLE knowledge_pages (
            id INTEGER PRIMARY KEY,
            program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            source_post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
            created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL,
            updated_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX knowledge_pages_by_program ON knowledge_pages(program_id, id);
        CREATE TABLE knowledge_revisions (
            id INTEGER PRIMARY KEY,
            page_id INTEGER NOT NULL REFERENCES knowledge_pages(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            edited_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            edited_at INTEGER NOT NULL
        );
        CREATE INDEX knowledge_revisions_by_page ON knowledge_revisions(page_id, id);
        CREATE VIRTUAL TABLE knowledge_search USING fts5(
            title, body, content = 'knowledge_pages', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER knowledge_search_insert AFTER INSERT ON knowledge_pages BEGIN
            INSERT INTO knowledge_search(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        CREATE TRIGGER knowledge_search_delete AFTER DELETE ON knowledge_pages BEGIN
            INSERT INTO knowledge_search(knowledge_search, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        END;
        CREATE TRIGGER knowledge_search_update AFTER UPDATE OF title, body ON knowledge_pages BEGIN
            INSERT INTO knowledge_search(knowledge_search, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO knowledge_search(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        """,
        // 20: moderation: posts hidden with a reason, and the audit log of every moderation action.
        """
        ALTER TABLE posts ADD COLUMN hidden_at INTEGER;
        ALTER TABLE posts ADD COLUMN hidden_reason TEXT;
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            actor_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            action TEXT NOT NULL,
            program_id INTEGER REFERENCES programs(id) ON DELETE SET NULL,
            target_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            target_post_id INTEGER,
            reason TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL
        );
        """,
        // 21: words a program's moderators watch for: a post in the program using one is flagged as a report.
        """
        CREATE TABLE program_keywords (
            id INTEGER PRIMARY KEY,
            program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            keyword TEXT NOT NULL COLLATE NOCASE,
            added_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (program_id, keyword)
        );
        """,
        // 22: guests: accounts an invitation to a program limits to the programs they are members of.
        """
        ALTER TABLE accounts ADD COLUMN guest INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE invitations ADD COLUMN program_id INTEGER REFERENCES programs(id) ON DELETE CASCADE;
        """,
        // 23: anonymous questions, where a program's facilitators allow them.
        """
        ALTER TABLE programs ADD COLUMN anonymous_questions INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE posts ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0;
        """,
        // 24: how-to guides: a post's title and step captions (JSON); its photos are its attachments, in order.
        """
        ALTER TABLE posts ADD COLUMN guide TEXT;
        CREATE INDEX posts_guides ON posts(id) WHERE guide IS NOT NULL;
        """,
        // 25: suspended accounts, and warnings from moderators (an audit entry, notified to the person warned).
        """
        ALTER TABLE accounts ADD COLUMN suspended_at INTEGER;
        ALTER TABLE notifications ADD COLUMN audit_id INTEGER REFERENCES audit_log(id) ON DELETE CASCADE;
        """,
        // 26: the few suspended accounts, listed once per query by the visibility rule (not looked up per post).
        """
        CREATE INDEX accounts_suspended ON accounts(id) WHERE suspended_at IS NOT NULL;
        """,
        // 27: durable jobs (timed work kept until done); posts scheduled before become jobs.
        """
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL DEFAULT '',
            run_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            failed_at INTEGER,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX jobs_due ON jobs(run_at) WHERE failed_at IS NULL;
        INSERT INTO jobs (id, kind, key, payload, run_at, created_at)
            SELECT id, 'publish_scheduled_post', 'scheduled-post:' || id, id, scheduled_at, created_at FROM scheduled_posts;
        DROP INDEX scheduled_posts_due;
        """,
        // 28: live events (tweetchats, ask-the-expert sessions), each time they take place, and RSVPs.
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('tweetchat', 'ask-the-expert')),
            title TEXT NOT NULL,
            hashtag TEXT NOT NULL,
            program_id INTEGER REFERENCES programs(id) ON DELETE CASCADE,
            starts_at INTEGER NOT NULL,
            time_zone TEXT NOT NULL,
            duration INTEGER NOT NULL,
            recurrence TEXT NOT NULL,
            reminder_lead INTEGER NOT NULL,
            created_by INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX events_by_program ON events(program_id);
        CREATE TABLE event_occurrences (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL,
            started_at INTEGER,
            ended_at INTEGER,
            UNIQUE (event_id, idx)
        );
        CREATE TABLE event_rsvps (
            occurrence_id INTEGER NOT NULL REFERENCES event_occurrences(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (occurrence_id, account_id)
        ) WITHOUT ROWID;
        ALTER TABLE notifications ADD COLUMN occurrence_id INTEGER REFERENCES event_occurrences(id) ON DELETE CASCADE;
        """,
        // 29: a tweetchat's script (a welcome and questions at planned offsets) and, per occurrence, the questions released.
        """
        ALTER TABLE events ADD COLUMN welcome TEXT NOT NULL DEFAULT '';
        CREATE TABLE event_questions (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            offset_seconds INTEGER NOT NULL,
            PRIMARY KEY (event_id, position)
        ) WITHOUT ROWID;
        ALTER TABLE event_occurrences ADD COLUMN held_at INTEGER;
        CREATE TABLE released_questions (
            occurrence_id INTEGER NOT NULL REFERENCES event_occurrences(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
            released_at INTEGER NOT NULL,
            PRIMARY KEY (occurrence_id, position)
        ) WITHOUT ROWID;
        """,
        // 30: an occurrence's transcript (Markdown), and the knowledge-base page it was published as.
        """
        ALTER TABLE event_occurrences ADD COLUMN transcript TEXT;
        ALTER TABLE event_occurrences ADD COLUMN transcript_page_id INTEGER REFERENCES knowledge_pages(id) ON DELETE SET NULL;
        """,
        // 31: a secret calendar link per person (its hash), for calendar apps that subscribe without signing in.
        """
        ALTER TABLE accounts ADD COLUMN calendar_token_hash TEXT;
        CREATE UNIQUE INDEX accounts_by_calendar_token ON accounts(calendar_token_hash) WHERE calendar_token_hash IS NOT NULL;
        """,
        // 32: live pages (posts hosts highlight) and ask-the-expert sessions: an event's experts (guests an invitation
        // limits to the event), whether hosts approve questions first, the questions with their votes and answers.
        """
        CREATE TABLE occurrence_highlights (
            occurrence_id INTEGER NOT NULL REFERENCES event_occurrences(id) ON DELETE CASCADE,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            highlighted_at INTEGER NOT NULL,
            PRIMARY KEY (occurrence_id, post_id)
        ) WITHOUT ROWID;
        ALTER TABLE events ADD COLUMN requires_approval INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE event_experts (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (event_id, account_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_experts_by_account ON event_experts(account_id);
        ALTER TABLE invitations ADD COLUMN event_id INTEGER REFERENCES events(id) ON DELETE CASCADE;
        CREATE TABLE expert_questions (
            id INTEGER PRIMARY KEY,
            occurrence_id INTEGER NOT NULL REFERENCES event_occurrences(id) ON DELETE CASCADE,
            author_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            status TEXT NOT NULL,
            votes_count INTEGER NOT NULL DEFAULT 0,
            answer TEXT,
            answered_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            answered_at INTEGER,
            open_question_id INTEGER REFERENCES posts(id) ON DELETE SET NULL
        );
        CREATE INDEX expert_questions_by_occurrence ON expert_questions(occurrence_id, votes_count);
        CREATE TABLE expert_question_votes (
            question_id INTEGER NOT NULL REFERENCES expert_questions(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (question_id, account_id)
        ) WITHOUT ROWID;
        """,
        // 33: a personal time zone (NULL: the organization's); a person's RSVPs found by person (the checklist).
        """
        ALTER TABLE accounts ADD COLUMN time_zone TEXT;
        CREATE INDEX event_rsvps_by_account ON event_rsvps(account_id);
        """,
        // 34: reinforcement after training: plans releasing nuggets (with optional recall checks), each
        // learner's FSRS review state and log per check, commitments with check-ins, accountability partners;
        // posts sent for one person only (a review, a reminder), seen by nobody else, not even their sender.
        """
        ALTER TABLE posts ADD COLUMN only_for INTEGER REFERENCES accounts(id) ON DELETE CASCADE;
        CREATE TABLE reinforcement_plans (
            id INTEGER PRIMARY KEY,
            program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES accounts(id),
            start_day TEXT NOT NULL,
            every_days INTEGER NOT NULL,
            weekdays INTEGER NOT NULL,
            minute_of_day INTEGER NOT NULL,
            time_zone TEXT NOT NULL,
            horizon_days INTEGER NOT NULL,
            desired_retention REAL NOT NULL,
            paused_at INTEGER,
            resumed_at INTEGER,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX reinforcement_plans_by_program ON reinforcement_plans(program_id);
        CREATE TABLE nuggets (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES reinforcement_plans(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            link TEXT,
            media_id INTEGER REFERENCES media(id) ON DELETE SET NULL,
            recall_check TEXT,
            released_post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
            released_at INTEGER,
            slot_day INTEGER,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX nuggets_by_plan ON nuggets(plan_id, position);
        CREATE INDEX nuggets_by_media ON nuggets(media_id) WHERE media_id IS NOT NULL;
        CREATE TABLE review_states (
            nugget_id INTEGER NOT NULL REFERENCES nuggets(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            plan_id INTEGER NOT NULL REFERENCES reinforcement_plans(id) ON DELETE CASCADE,
            stability REAL,
            difficulty REAL,
            last_review_at INTEGER,
            due_at INTEGER NOT NULL,
            reviews INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            right_streak INTEGER NOT NULL DEFAULT 0,
            mastered_at INTEGER,
            delivered_post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
            PRIMARY KEY (nugget_id, account_id)
        ) WITHOUT ROWID;
        CREATE INDEX review_states_to_deliver ON review_states(due_at) WHERE mastered_at IS NULL AND delivered_post_id IS NULL;
        CREATE INDEX review_states_by_account ON review_states(account_id, due_at);
        CREATE INDEX review_states_by_delivery ON review_states(delivered_post_id) WHERE delivered_post_id IS NOT NULL;
        CREATE INDEX review_states_by_plan ON review_states(plan_id);
        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY,
            nugget_id INTEGER NOT NULL REFERENCES nuggets(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            reviewed_at INTEGER NOT NULL,
            choices TEXT NOT NULL,
            right INTEGER NOT NULL,
            rating INTEGER NOT NULL,
            stability REAL NOT NULL,
            difficulty REAL NOT NULL,
            due_at INTEGER NOT NULL,
            interval_days INTEGER NOT NULL,
            mastered INTEGER NOT NULL
        );
        CREATE INDEX review_log_by_check ON review_log(nugget_id, account_id, id);
        CREATE TABLE commitments (
            id INTEGER PRIMARY KEY,
            program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            author_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            private INTEGER NOT NULL,
            state TEXT NOT NULL,
            post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
            reminder_every_days INTEGER NOT NULL,
            reminded_at INTEGER,
            due_reminder_sent INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX commitments_by_program ON commitments(program_id, author_id);
        CREATE TABLE commitment_checkins (
            id INTEGER PRIMARY KEY,
            commitment_id INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
            author_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            new_state TEXT,
            post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX commitment_checkins_by_commitment ON commitment_checkins(commitment_id, id);
        CREATE TABLE partner_rounds (
            id INTEGER PRIMARY KEY,
            program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            started_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL,
            recur_weeks INTEGER,
            created_by INTEGER NOT NULL REFERENCES accounts(id)
        );
        CREATE INDEX partner_rounds_by_program ON partner_rounds(program_id, id);
        CREATE TABLE partner_groups (
            round_id INTEGER NOT NULL REFERENCES partner_rounds(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            thread_post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
            check_back_post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
            PRIMARY KEY (round_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE partner_members (
            round_id INTEGER NOT NULL REFERENCES partner_rounds(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (round_id, account_id)
        ) WITHOUT ROWID;
        """,
        // 35: analytics: who was active on which day (the organization's calendar day, as days since 1970-01-01),
        // overall (program 0) and in each program; one row per account, day and program.
        """
        CREATE TABLE activity_days (
            program_id INTEGER NOT NULL,
            day INTEGER NOT NULL,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (program_id, day, account_id)
        ) WITHOUT ROWID;
        CREATE INDEX activity_days_by_account ON activity_days(account_id, program_id, day);
        """,
        // 36: the weekly analytics digest: a notification about a program, with its headline numbers as text.
        """
        ALTER TABLE notifications ADD COLUMN program_id INTEGER REFERENCES programs(id) ON DELETE CASCADE;
        ALTER TABLE notifications ADD COLUMN detail TEXT;
        """,
        // 37: direct posts by time, so counts of hashtags can leave them out without reading every post.
        """
        CREATE INDEX posts_direct ON posts(id) WHERE visibility = 'direct';
        """,
        // 38: leaving and provisioning: deactivated accounts, people as the identity provider knows them
        // (SCIM), and the tokens it calls with.
        """
        ALTER TABLE accounts ADD COLUMN deactivated_at INTEGER;
        CREATE TABLE scim_identities (
            account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
            user_name TEXT NOT NULL,
            user_name_key TEXT NOT NULL UNIQUE,
            external_id TEXT,
            given_name TEXT NOT NULL DEFAULT '',
            family_name TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            deleted_at INTEGER
        );
        CREATE TABLE provisioning_tokens (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            last_used_at INTEGER
        );
        """,
        // 39: single sign-on: who each account is at the organization's identity provider or directory.
        """
        CREATE TABLE external_identities (
            issuer TEXT NOT NULL,
            subject TEXT NOT NULL,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (issuer, subject)
        ) WITHOUT ROWID;
        CREATE INDEX external_identities_by_account ON external_identities(account_id);
        """,
        // 40: email: each person's choices (NULL: never chosen) and one-click unsubscribe token; password resets.
        """
        CREATE TABLE email_preferences (
            account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
            kinds TEXT,
            unsubscribe_token TEXT NOT NULL UNIQUE
        );
        CREATE TABLE password_resets (
            token_hash TEXT PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX password_resets_by_account ON password_resets(account_id);
        """,
        // 41: deleting accounts: the owner's pending request, the moment of deletion (the row stays, nameless,
        // for what the account made for others), and the posts sent to one person found by that person.
        """
        ALTER TABLE accounts ADD COLUMN deletion_requested_at INTEGER;
        ALTER TABLE accounts ADD COLUMN deleted_at INTEGER;
        CREATE INDEX accounts_deleted ON accounts(id) WHERE deleted_at IS NOT NULL;
        CREATE INDEX accounts_awaiting_deletion ON accounts(deletion_requested_at) WHERE deletion_requested_at IS NOT NULL;
        CREATE INDEX posts_only_for ON posts(only_for) WHERE only_for IS NOT NULL;
        """,
        // 42: failed sign-ins, kept for the throttle (in the database so that it holds across PostgreSQL's nodes too).
        """
        CREATE TABLE failed_sign_ins (key TEXT NOT NULL, at INTEGER NOT NULL);
        CREATE INDEX failed_sign_ins_by_key ON failed_sign_ins(key, at);
        CREATE INDEX failed_sign_ins_by_age ON failed_sign_ins(at);
        """,
        // 43: the busiest hashtags (suggested on a new member's home) read from an index, not by sorting every tag.
        """
        CREATE INDEX tags_busiest ON tags(posts_count DESC, name_key) WHERE posts_count > 0;
        """,
        // 44: federation: the allowed and blocked domains, the actors' signing keys (owner 0: the server's own
        // actor), and each person's choice to be found and followed from outside (off) and to approve followers (on).
        """
        CREATE TABLE federation_domains (domain TEXT PRIMARY KEY, kind TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE actor_keys (
            owner_id INTEGER PRIMARY KEY,
            public_key_pem TEXT NOT NULL,
            private_key_pem TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        ALTER TABLE accounts ADD COLUMN discoverable INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE accounts ADD COLUMN locked INTEGER NOT NULL DEFAULT 1;
        """,
        // 45: people on other servers as their actor documents describe them, and their follows of members
        // (waiting for the member's approval until accepted_at is set).
        """
        CREATE TABLE remote_actors (
            id INTEGER PRIMARY KEY,
            uri TEXT NOT NULL UNIQUE,
            domain TEXT NOT NULL,
            username TEXT NOT NULL,
            display_name TEXT NOT NULL,
            inbox TEXT NOT NULL,
            shared_inbox TEXT,
            profile_url TEXT,
            avatar_url TEXT,
            fetched_at INTEGER NOT NULL
        );
        CREATE TABLE remote_follows (
            account_id INTEGER NOT NULL REFERENCES accounts(id),
            actor_id INTEGER NOT NULL REFERENCES remote_actors(id),
            activity_uri TEXT NOT NULL,
            accepted_at INTEGER,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, actor_id)
        ) WITHOUT ROWID;
        """,
        // Servers deliveries fail to reach, and when they were paused (federation's delivery).
        """
        CREATE TABLE delivery_trouble (
            domain TEXT PRIMARY KEY,
            failing_since INTEGER NOT NULL,
            last_failure_at INTEGER NOT NULL,
            last_error TEXT NOT NULL,
            paused_at INTEGER
        ) WITHOUT ROWID;
        """,
        // People on other servers shown here (their posts, their follows): an accounts row with the same id as
        // their remote_actors row, keyed by their actor id so that no sign-in or username can reach it; posts
        // that came from outside, by their Note's id; members' follows of people outside (waiting for their answer
        // until accepted_at is set; a follows row is made then).
        """
        ALTER TABLE accounts ADD COLUMN domain TEXT;
        ALTER TABLE accounts ADD COLUMN uri TEXT;
        ALTER TABLE accounts ADD COLUMN url TEXT;
        ALTER TABLE accounts ADD COLUMN avatar_url TEXT;
        CREATE INDEX accounts_outside ON accounts(domain, username) WHERE domain IS NOT NULL;
        INSERT INTO accounts (id, username, username_key, email, email_key, display_name, role, password_hash, created_at,
                              domain, uri, url, avatar_url)
            SELECT id, username, 'actor:' || uri, '', 'actor:' || uri, display_name, 'member', '', fetched_at,
                   domain, uri, coalesce(profile_url, uri), avatar_url FROM remote_actors;
        ALTER TABLE posts ADD COLUMN uri TEXT;
        ALTER TABLE posts ADD COLUMN url TEXT;
        CREATE UNIQUE INDEX posts_by_uri ON posts(uri);
        CREATE TABLE follows_out (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            requested_at INTEGER NOT NULL,
            accepted_at INTEGER,
            PRIMARY KEY (account_id, target_id)
        ) WITHOUT ROWID;
        """,
        // Relays the server subscribes to (an admin's, or a hashtag's for the members who asked for its posts from
        // outside), which followed hashtags a member asked for from outside too, and events open to the outside.
        """
        CREATE TABLE relays (
            id INTEGER PRIMARY KEY,
            address TEXT NOT NULL UNIQUE,
            tag TEXT,
            actor TEXT,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        ALTER TABLE tag_follows ADD COLUMN outside INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE events ADD COLUMN open_to_outside INTEGER NOT NULL DEFAULT 0;
        """,
    ]

    /// Brings the database up to the latest step, or throws when it is newer than this build.
    static func migrate(_ connection: Connection) throws {
        let current = Int(try connection.prepare("PRAGMA user_version").scalar() ?? 0)
        guard current <= steps.count else {
            throw StoreError.newerSchema(found: current, supported: steps.count)
        }
        for (index, step) in steps.enumerated() where index >= current {
            try connection.transaction {
                try connection.execute(step)
                try connection.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }
}
