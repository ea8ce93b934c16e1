import Foundation
import StarlingCore
import StarlingSQL

/// The PostgreSQL schema, as numbered steps like the SQLite store's. The database records the last step
/// applied in `schema_version`; start-up applies the missing steps, one transaction each, while holding an
/// advisory lock (so that nodes starting together migrate once), and refuses a database from a newer build.
/// Add a step at the end; never edit a step that has shipped.
enum PostgresMigrations {
    /// Any number that no other part of Starling takes as an advisory lock.
    static let lockKey: Int64 = 0x5374_6172_6C69_6E67 // "Starling"

    static let steps: [String] = [
        // 1: the schema of SQLite's 41 steps, with PostgreSQL's types (booleans, 64-bit integers), generated
        // full-text search columns (GIN-indexed), and the change stamp read caches compare.
        """
        CREATE SEQUENCE change_stamp;
        CREATE TABLE accounts (
            id BIGINT PRIMARY KEY,
            username TEXT NOT NULL,
            username_key TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL DEFAULT '',
            bio TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'member')),
            password_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            notifications_read_id BIGINT NOT NULL DEFAULT 0,
            posts_count BIGINT NOT NULL DEFAULT 0,
            followers_count BIGINT NOT NULL DEFAULT 0,
            following_count BIGINT NOT NULL DEFAULT 0,
            avatar_path TEXT,
            guest BOOLEAN NOT NULL DEFAULT FALSE,
            suspended_at BIGINT,
            calendar_token_hash TEXT,
            time_zone TEXT,
            deactivated_at BIGINT,
            deletion_requested_at BIGINT,
            deleted_at BIGINT,
            search TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', username || ' ' || display_name)) STORED
        );
        CREATE TABLE activity_days (
            program_id BIGINT NOT NULL,
            day BIGINT NOT NULL,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (program_id, day, account_id)
        );
        CREATE TABLE programs (
            id BIGINT PRIMARY KEY,
            title TEXT NOT NULL,
            hashtag TEXT NOT NULL,
            tag_key TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL DEFAULT '',
            agreement TEXT NOT NULL DEFAULT '',
            agreement_version BIGINT NOT NULL DEFAULT 1,
            visibility TEXT NOT NULL CHECK (visibility IN ('open', 'private')),
            starts_at BIGINT,
            ends_at BIGINT,
            archived_at BIGINT,
            created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL,
            anonymous_questions BOOLEAN NOT NULL DEFAULT FALSE
        );
        CREATE TABLE posts (
            id BIGINT PRIMARY KEY,
            author_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            visibility TEXT NOT NULL CHECK (visibility IN ('public', 'organization', 'followers', 'direct')),
            source TEXT NOT NULL,
            html TEXT NOT NULL,
            content_warning TEXT NOT NULL DEFAULT '',
            in_reply_to_id BIGINT REFERENCES posts(id) ON DELETE SET NULL,
            in_reply_to_account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
            repost_of_id BIGINT REFERENCES posts(id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            replies_count BIGINT NOT NULL DEFAULT 0,
            reposts_count BIGINT NOT NULL DEFAULT 0,
            likes_count BIGINT NOT NULL DEFAULT 0,
            edited_at BIGINT,
            language TEXT,
            program_id BIGINT REFERENCES programs(id) ON DELETE SET NULL,
            question BOOLEAN NOT NULL DEFAULT FALSE,
            first_answer_at BIGINT,
            answered_at BIGINT,
            accepted_at BIGINT,
            votes_count BIGINT NOT NULL DEFAULT 0,
            hidden_at BIGINT,
            hidden_reason TEXT,
            anonymous BOOLEAN NOT NULL DEFAULT FALSE,
            guide TEXT,
            only_for BIGINT REFERENCES accounts(id) ON DELETE CASCADE,
            search TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', source)) STORED
        );
        CREATE TABLE answer_votes (
            post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (post_id, account_id)
        );
        CREATE TABLE audit_log (
            id BIGINT PRIMARY KEY,
            actor_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
            action TEXT NOT NULL,
            program_id BIGINT REFERENCES programs(id) ON DELETE SET NULL,
            target_account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
            target_post_id BIGINT,
            reason TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL
        );
        CREATE TABLE blocks (
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            target_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (account_id, target_id)
        );
        CREATE TABLE bookmarks (
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            id BIGINT NOT NULL,
            PRIMARY KEY (account_id, post_id)
        );
        CREATE TABLE commitments (
            id BIGINT PRIMARY KEY,
            program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            author_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            due_at BIGINT NOT NULL,
            private BOOLEAN NOT NULL,
            state TEXT NOT NULL,
            post_id BIGINT REFERENCES posts(id) ON DELETE SET NULL,
            reminder_every_days BIGINT NOT NULL,
            reminded_at BIGINT,
            due_reminder_sent BOOLEAN NOT NULL DEFAULT FALSE,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE commitment_checkins (
            id BIGINT PRIMARY KEY,
            commitment_id BIGINT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
            author_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            new_state TEXT,
            post_id BIGINT REFERENCES posts(id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE conversation_marks (
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            root_id BIGINT NOT NULL,
            read_up_to BIGINT NOT NULL DEFAULT 0,
            hidden_up_to BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (account_id, root_id)
        );
        CREATE TABLE email_preferences (
            account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
            kinds TEXT,
            unsubscribe_token TEXT NOT NULL UNIQUE
        );
        CREATE TABLE events (
            id BIGINT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('tweetchat', 'ask-the-expert')),
            title TEXT NOT NULL,
            hashtag TEXT NOT NULL,
            program_id BIGINT REFERENCES programs(id) ON DELETE CASCADE,
            starts_at BIGINT NOT NULL,
            time_zone TEXT NOT NULL,
            duration BIGINT NOT NULL,
            recurrence TEXT NOT NULL,
            reminder_lead BIGINT NOT NULL,
            created_by BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            welcome TEXT NOT NULL DEFAULT '',
            requires_approval BOOLEAN NOT NULL DEFAULT FALSE
        );
        CREATE TABLE event_experts (
            event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (event_id, account_id)
        );
        CREATE TABLE knowledge_pages (
            id BIGINT PRIMARY KEY,
            program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            source_post_id BIGINT REFERENCES posts(id) ON DELETE SET NULL,
            created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL,
            updated_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
            updated_at BIGINT NOT NULL,
            search TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || body)) STORED
        );
        CREATE TABLE event_occurrences (
            id BIGINT PRIMARY KEY,
            event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            idx BIGINT NOT NULL,
            starts_at BIGINT NOT NULL,
            ends_at BIGINT NOT NULL,
            started_at BIGINT,
            ended_at BIGINT,
            held_at BIGINT,
            transcript TEXT,
            transcript_page_id BIGINT REFERENCES knowledge_pages(id) ON DELETE SET NULL,
            UNIQUE (event_id, idx)
        );
        CREATE TABLE event_questions (
            event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            text TEXT NOT NULL,
            offset_seconds BIGINT NOT NULL,
            PRIMARY KEY (event_id, position)
        );
        CREATE TABLE event_rsvps (
            occurrence_id BIGINT NOT NULL REFERENCES event_occurrences(id) ON DELETE CASCADE,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (occurrence_id, account_id)
        );
        CREATE TABLE expert_questions (
            id BIGINT PRIMARY KEY,
            occurrence_id BIGINT NOT NULL REFERENCES event_occurrences(id) ON DELETE CASCADE,
            author_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            status TEXT NOT NULL,
            votes_count BIGINT NOT NULL DEFAULT 0,
            answer TEXT,
            answered_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
            answered_at BIGINT,
            open_question_id BIGINT REFERENCES posts(id) ON DELETE SET NULL
        );
        CREATE TABLE expert_question_votes (
            question_id BIGINT NOT NULL REFERENCES expert_questions(id) ON DELETE CASCADE,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (question_id, account_id)
        );
        CREATE TABLE external_identities (
            issuer TEXT NOT NULL,
            subject TEXT NOT NULL,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (issuer, subject)
        );
        CREATE TABLE filters (
            id BIGINT PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            contexts TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('warn', 'hide', 'blur')),
            expires_at BIGINT
        );
        CREATE TABLE filter_keywords (
            id BIGINT PRIMARY KEY,
            filter_id BIGINT NOT NULL REFERENCES filters(id) ON DELETE CASCADE,
            keyword TEXT NOT NULL,
            whole_word BOOLEAN NOT NULL DEFAULT TRUE
        );
        CREATE TABLE filter_posts (
            id BIGINT PRIMARY KEY,
            filter_id BIGINT NOT NULL REFERENCES filters(id) ON DELETE CASCADE,
            post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE
        );
        CREATE TABLE follows (
            follower_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            followee_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (follower_id, followee_id)
        );
        CREATE TABLE idempotency_keys (
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (account_id, key)
        );
        CREATE TABLE invitations (
            code TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
            used_at BIGINT,
            program_id BIGINT REFERENCES programs(id) ON DELETE CASCADE,
            event_id BIGINT REFERENCES events(id) ON DELETE CASCADE
        );
        CREATE TABLE jobs (
            id BIGINT PRIMARY KEY,
            kind TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL DEFAULT '',
            run_at BIGINT NOT NULL,
            attempts BIGINT NOT NULL DEFAULT 0,
            last_error TEXT,
            failed_at BIGINT,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE knowledge_revisions (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            page_id BIGINT NOT NULL REFERENCES knowledge_pages(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            edited_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
            edited_at BIGINT NOT NULL
        );
        CREATE TABLE likes (
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            id BIGINT NOT NULL,
            PRIMARY KEY (account_id, post_id)
        );
        CREATE TABLE lists (
            id BIGINT PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            replies_policy TEXT NOT NULL DEFAULT 'list' CHECK (replies_policy IN ('followed', 'list', 'none')),
            exclusive BOOLEAN NOT NULL DEFAULT FALSE
        );
        CREATE TABLE list_members (
            list_id BIGINT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (list_id, account_id)
        );
        CREATE TABLE markers (
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            timeline TEXT NOT NULL,
            last_read_id BIGINT NOT NULL,
            version BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (account_id, timeline)
        );
        CREATE TABLE media (
            id BIGINT PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_id BIGINT REFERENCES posts(id) ON DELETE CASCADE,
            position BIGINT NOT NULL DEFAULT 0,
            file_name TEXT NOT NULL,
            format TEXT NOT NULL,
            width BIGINT NOT NULL,
            height BIGINT NOT NULL,
            byte_count BIGINT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            focus_x DOUBLE PRECISION NOT NULL DEFAULT 0,
            focus_y DOUBLE PRECISION NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE mentions (
            post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (post_id, account_id)
        );
        CREATE TABLE mutes (
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            target_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (account_id, target_id)
        );
        CREATE TABLE notifications (
            id BIGINT PRIMARY KEY,
            recipient_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            actor_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_id BIGINT REFERENCES posts(id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            audit_id BIGINT REFERENCES audit_log(id) ON DELETE CASCADE,
            occurrence_id BIGINT REFERENCES event_occurrences(id) ON DELETE CASCADE,
            program_id BIGINT REFERENCES programs(id) ON DELETE CASCADE,
            detail TEXT
        );
        CREATE TABLE reinforcement_plans (
            id BIGINT PRIMARY KEY,
            program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            author_id BIGINT NOT NULL REFERENCES accounts(id),
            start_day TEXT NOT NULL,
            every_days BIGINT NOT NULL,
            weekdays BIGINT NOT NULL,
            minute_of_day BIGINT NOT NULL,
            time_zone TEXT NOT NULL,
            horizon_days BIGINT NOT NULL,
            desired_retention DOUBLE PRECISION NOT NULL,
            paused_at BIGINT,
            resumed_at BIGINT,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE nuggets (
            id BIGINT PRIMARY KEY,
            plan_id BIGINT NOT NULL REFERENCES reinforcement_plans(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            text TEXT NOT NULL,
            link TEXT,
            media_id BIGINT REFERENCES media(id) ON DELETE SET NULL,
            recall_check TEXT,
            released_post_id BIGINT REFERENCES posts(id) ON DELETE SET NULL,
            released_at BIGINT,
            slot_day BIGINT,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE oauth_apps (
            id BIGINT PRIMARY KEY,
            client_id TEXT NOT NULL UNIQUE,
            secret_hash TEXT NOT NULL,
            name TEXT NOT NULL,
            redirect_uris TEXT NOT NULL,
            scopes TEXT NOT NULL,
            website TEXT
        );
        CREATE TABLE oauth_codes (
            code_hash TEXT PRIMARY KEY,
            app_id BIGINT NOT NULL REFERENCES oauth_apps(id) ON DELETE CASCADE,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            redirect_uri TEXT NOT NULL,
            scopes TEXT NOT NULL,
            code_challenge TEXT,
            expires_at BIGINT NOT NULL,
            used BOOLEAN NOT NULL DEFAULT FALSE
        );
        CREATE TABLE oauth_tokens (
            token_hash TEXT PRIMARY KEY,
            app_id BIGINT NOT NULL REFERENCES oauth_apps(id) ON DELETE CASCADE,
            account_id BIGINT REFERENCES accounts(id) ON DELETE CASCADE,
            scopes TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT,
            refresh_hash TEXT
        );
        CREATE TABLE occurrence_highlights (
            occurrence_id BIGINT NOT NULL REFERENCES event_occurrences(id) ON DELETE CASCADE,
            post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            highlighted_at BIGINT NOT NULL,
            PRIMARY KEY (occurrence_id, post_id)
        );
        CREATE TABLE partner_rounds (
            id BIGINT PRIMARY KEY,
            program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            started_at BIGINT NOT NULL,
            ends_at BIGINT NOT NULL,
            recur_weeks BIGINT,
            created_by BIGINT NOT NULL REFERENCES accounts(id)
        );
        CREATE TABLE partner_groups (
            round_id BIGINT NOT NULL REFERENCES partner_rounds(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            thread_post_id BIGINT REFERENCES posts(id) ON DELETE SET NULL,
            check_back_post_id BIGINT REFERENCES posts(id) ON DELETE SET NULL,
            PRIMARY KEY (round_id, position)
        );
        CREATE TABLE partner_members (
            round_id BIGINT NOT NULL REFERENCES partner_rounds(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (round_id, account_id)
        );
        CREATE TABLE password_resets (
            token_hash TEXT PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT
        );
        CREATE TABLE pins (
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (account_id, post_id)
        );
        CREATE TABLE polls (
            post_id BIGINT PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
            expires_at BIGINT NOT NULL,
            multiple BOOLEAN NOT NULL DEFAULT FALSE
        );
        CREATE TABLE poll_options (
            post_id BIGINT NOT NULL REFERENCES polls(post_id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            title TEXT NOT NULL,
            PRIMARY KEY (post_id, position)
        );
        CREATE TABLE poll_votes (
            post_id BIGINT NOT NULL REFERENCES polls(post_id) ON DELETE CASCADE,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (post_id, account_id, position)
        );
        CREATE TABLE tags (
            id BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            posts_count BIGINT NOT NULL DEFAULT 0
        );
        CREATE TABLE post_tags (
            tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            PRIMARY KEY (tag_id, post_id)
        );
        CREATE TABLE post_versions (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            html TEXT NOT NULL,
            content_warning TEXT NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE program_keywords (
            id BIGINT PRIMARY KEY,
            program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            keyword TEXT NOT NULL,
            added_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE program_members (
            program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('facilitator', 'moderator', 'learner', 'expert')),
            joined_at BIGINT NOT NULL,
            agreed_at BIGINT,
            agreement_version BIGINT,
            PRIMARY KEY (program_id, account_id)
        );
        CREATE TABLE program_threads (
            program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('introductions', 'challenges', 'commitments')),
            post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            PRIMARY KEY (program_id, kind)
        );
        CREATE TABLE provisioning_tokens (
            id BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL,
            last_used_at BIGINT
        );
        CREATE TABLE released_questions (
            occurrence_id BIGINT NOT NULL REFERENCES event_occurrences(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            post_id BIGINT REFERENCES posts(id) ON DELETE SET NULL,
            released_at BIGINT NOT NULL,
            PRIMARY KEY (occurrence_id, position)
        );
        CREATE TABLE reports (
            id BIGINT PRIMARY KEY,
            reporter_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            target_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            post_ids TEXT NOT NULL DEFAULT '',
            comment TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL CHECK (category IN ('spam', 'legal', 'violation', 'other')),
            created_at BIGINT NOT NULL,
            resolved_at BIGINT
        );
        CREATE TABLE review_log (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            nugget_id BIGINT NOT NULL REFERENCES nuggets(id) ON DELETE CASCADE,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            reviewed_at BIGINT NOT NULL,
            choices TEXT NOT NULL,
            "right" BOOLEAN NOT NULL,
            rating BIGINT NOT NULL,
            stability DOUBLE PRECISION NOT NULL,
            difficulty DOUBLE PRECISION NOT NULL,
            due_at BIGINT NOT NULL,
            interval_days BIGINT NOT NULL,
            mastered BOOLEAN NOT NULL
        );
        CREATE TABLE review_states (
            nugget_id BIGINT NOT NULL REFERENCES nuggets(id) ON DELETE CASCADE,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            plan_id BIGINT NOT NULL REFERENCES reinforcement_plans(id) ON DELETE CASCADE,
            stability DOUBLE PRECISION,
            difficulty DOUBLE PRECISION,
            last_review_at BIGINT,
            due_at BIGINT NOT NULL,
            reviews BIGINT NOT NULL DEFAULT 0,
            lapses BIGINT NOT NULL DEFAULT 0,
            right_streak BIGINT NOT NULL DEFAULT 0,
            mastered_at BIGINT,
            delivered_post_id BIGINT REFERENCES posts(id) ON DELETE SET NULL,
            PRIMARY KEY (nugget_id, account_id)
        );
        CREATE TABLE scheduled_posts (
            id BIGINT PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            scheduled_at BIGINT NOT NULL,
            text TEXT NOT NULL,
            content_warning TEXT NOT NULL,
            visibility TEXT NOT NULL,
            in_reply_to_id BIGINT,
            media_ids TEXT NOT NULL DEFAULT '',
            poll TEXT,
            app_id BIGINT,
            created_at BIGINT NOT NULL,
            language TEXT
        );
        CREATE TABLE scim_identities (
            account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
            user_name TEXT NOT NULL,
            user_name_key TEXT NOT NULL UNIQUE,
            external_id TEXT,
            given_name TEXT NOT NULL DEFAULT '',
            family_name TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            deleted_at BIGINT
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            expires_at BIGINT NOT NULL
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE suggestion_dismissals (
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            target_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (account_id, target_id)
        );
        CREATE TABLE tag_follows (
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (account_id, tag_id)
        );
        CREATE INDEX accounts_awaiting_deletion ON accounts(deletion_requested_at) WHERE deletion_requested_at IS NOT NULL;
        CREATE UNIQUE INDEX accounts_by_calendar_token ON accounts(calendar_token_hash) WHERE calendar_token_hash IS NOT NULL;
        CREATE INDEX accounts_deleted ON accounts(id) WHERE deleted_at IS NOT NULL;
        CREATE INDEX accounts_suspended ON accounts(id) WHERE suspended_at IS NOT NULL;
        CREATE INDEX activity_days_by_account ON activity_days(account_id, program_id, day);
        CREATE INDEX blocks_by_target ON blocks(target_id, account_id);
        CREATE INDEX bookmarks_by_time ON bookmarks(account_id, id);
        CREATE INDEX commitment_checkins_by_commitment ON commitment_checkins(commitment_id, id);
        CREATE INDEX commitments_by_program ON commitments(program_id, author_id);
        CREATE INDEX event_experts_by_account ON event_experts(account_id);
        CREATE INDEX event_rsvps_by_account ON event_rsvps(account_id);
        CREATE INDEX events_by_program ON events(program_id);
        CREATE INDEX expert_questions_by_occurrence ON expert_questions(occurrence_id, votes_count);
        CREATE INDEX external_identities_by_account ON external_identities(account_id);
        CREATE INDEX filter_keywords_by_filter ON filter_keywords(filter_id);
        CREATE INDEX filter_posts_by_filter ON filter_posts(filter_id);
        CREATE INDEX filters_by_account ON filters(account_id, id);
        CREATE INDEX follows_by_followee ON follows(followee_id, follower_id);
        CREATE INDEX jobs_due ON jobs(run_at) WHERE failed_at IS NULL;
        CREATE INDEX knowledge_pages_by_program ON knowledge_pages(program_id, id);
        CREATE INDEX knowledge_revisions_by_page ON knowledge_revisions(page_id, id);
        CREATE INDEX likes_by_post ON likes(post_id);
        CREATE INDEX likes_by_time ON likes(account_id, id);
        CREATE INDEX list_members_by_account ON list_members(account_id);
        CREATE INDEX lists_by_account ON lists(account_id, id);
        CREATE INDEX media_by_account ON media(account_id);
        CREATE INDEX media_by_post ON media(post_id, position) WHERE post_id IS NOT NULL;
        CREATE INDEX mentions_by_account ON mentions(account_id, post_id);
        CREATE INDEX notifications_by_recipient ON notifications(recipient_id, id);
        CREATE INDEX nuggets_by_media ON nuggets(media_id) WHERE media_id IS NOT NULL;
        CREATE INDEX nuggets_by_plan ON nuggets(plan_id, position);
        CREATE INDEX oauth_tokens_by_account ON oauth_tokens(account_id);
        CREATE UNIQUE INDEX oauth_tokens_by_refresh ON oauth_tokens(refresh_hash) WHERE refresh_hash IS NOT NULL;
        CREATE INDEX partner_rounds_by_program ON partner_rounds(program_id, id);
        CREATE INDEX password_resets_by_account ON password_resets(account_id);
        CREATE INDEX post_tags_by_post ON post_tags(post_id);
        CREATE INDEX post_versions_by_post ON post_versions(post_id, id);
        CREATE INDEX posts_by_author ON posts(author_id, id);
        CREATE INDEX posts_by_parent ON posts(in_reply_to_id) WHERE in_reply_to_id IS NOT NULL;
        CREATE INDEX posts_by_program ON posts(program_id, id) WHERE program_id IS NOT NULL;
        CREATE INDEX posts_direct ON posts(id) WHERE visibility = 'direct';
        CREATE INDEX posts_guides ON posts(id) WHERE guide IS NOT NULL;
        CREATE UNIQUE INDEX posts_one_repost ON posts(repost_of_id, author_id) WHERE repost_of_id IS NOT NULL;
        CREATE INDEX posts_only_for ON posts(only_for) WHERE only_for IS NOT NULL;
        CREATE INDEX posts_questions ON posts(id) WHERE question;
        CREATE INDEX program_members_by_account ON program_members(account_id, program_id);
        CREATE INDEX reinforcement_plans_by_program ON reinforcement_plans(program_id);
        CREATE INDEX reports_open ON reports(resolved_at, id);
        CREATE INDEX review_log_by_check ON review_log(nugget_id, account_id, id);
        CREATE INDEX review_states_by_account ON review_states(account_id, due_at);
        CREATE INDEX review_states_by_delivery ON review_states(delivered_post_id) WHERE delivered_post_id IS NOT NULL;
        CREATE INDEX review_states_by_plan ON review_states(plan_id);
        CREATE INDEX review_states_to_deliver ON review_states(due_at) WHERE mastered_at IS NULL AND delivered_post_id IS NULL;
        CREATE INDEX scheduled_posts_by_account ON scheduled_posts(account_id, id);
        CREATE INDEX accounts_search ON accounts USING GIN (search);
        CREATE INDEX posts_search ON posts USING GIN (search) WHERE repost_of_id IS NULL;
        CREATE INDEX knowledge_pages_search ON knowledge_pages USING GIN (search);
        CREATE UNIQUE INDEX program_keywords_by_text ON program_keywords(program_id, lower(keyword));
        CREATE FUNCTION accepted_answer_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE posts SET answered_at = (SELECT min(accepted_at) FROM posts WHERE in_reply_to_id = OLD.in_reply_to_id AND accepted_at IS NOT NULL)
            WHERE id = OLD.in_reply_to_id;
            RETURN NULL;
        END $$;
        CREATE TRIGGER accepted_answer_deleted AFTER DELETE ON posts FOR EACH ROW WHEN (OLD.accepted_at IS NOT NULL)
            EXECUTE FUNCTION accepted_answer_deleted();
        """,
        // 2: failed sign-ins, so that the throttle holds across nodes (SQLite's 42).
        """
        CREATE TABLE failed_sign_ins (key TEXT NOT NULL, at BIGINT NOT NULL);
        CREATE INDEX failed_sign_ins_by_key ON failed_sign_ins(key, at);
        CREATE INDEX failed_sign_ins_by_age ON failed_sign_ins(at);
        """,
        // 3: uploaded files (avatars, attachments), so that every node serves them.
        """
        CREATE TABLE files (name TEXT PRIMARY KEY, bytes BYTEA NOT NULL);
        """,
        // 4: the busiest hashtags (suggested on a new member's home) read from an index, not by sorting every tag (SQLite's 43).
        """
        CREATE INDEX tags_busiest ON tags(posts_count DESC, name_key) WHERE posts_count > 0;
        """,
        // 5: federation: allowed and blocked domains, signing keys, being found from outside (SQLite's 44).
        """
        CREATE TABLE federation_domains (domain TEXT PRIMARY KEY, kind TEXT NOT NULL, created_at BIGINT NOT NULL);
        CREATE TABLE actor_keys (
            owner_id BIGINT PRIMARY KEY,
            public_key_pem TEXT NOT NULL,
            private_key_pem TEXT NOT NULL,
            created_at BIGINT NOT NULL
        );
        ALTER TABLE accounts ADD COLUMN discoverable BOOLEAN NOT NULL DEFAULT false;
        ALTER TABLE accounts ADD COLUMN locked BOOLEAN NOT NULL DEFAULT true;
        """,
        // 6: people on other servers and their follows of members (SQLite's 45).
        """
        CREATE TABLE remote_actors (
            id BIGINT PRIMARY KEY,
            uri TEXT NOT NULL UNIQUE,
            domain TEXT NOT NULL,
            username TEXT NOT NULL,
            display_name TEXT NOT NULL,
            inbox TEXT NOT NULL,
            shared_inbox TEXT,
            profile_url TEXT,
            avatar_url TEXT,
            fetched_at BIGINT NOT NULL
        );
        CREATE TABLE remote_follows (
            account_id BIGINT NOT NULL REFERENCES accounts(id),
            actor_id BIGINT NOT NULL REFERENCES remote_actors(id),
            activity_uri TEXT NOT NULL,
            accepted_at BIGINT,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (account_id, actor_id)
        );
        """,
        // Servers deliveries fail to reach, and when they were paused (federation's delivery).
        """
        CREATE TABLE delivery_trouble (
            domain TEXT PRIMARY KEY,
            failing_since BIGINT NOT NULL,
            last_failure_at BIGINT NOT NULL,
            last_error TEXT NOT NULL,
            paused_at BIGINT
        );
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
            account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            target_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            requested_at BIGINT NOT NULL,
            accepted_at BIGINT,
            PRIMARY KEY (account_id, target_id)
        );
        """,
        // Relays the server subscribes to (an admin's, or a hashtag's for the members who asked for its posts from
        // outside), which followed hashtags a member asked for from outside too, and events open to the outside.
        """
        CREATE TABLE relays (
            id BIGINT PRIMARY KEY,
            address TEXT NOT NULL UNIQUE,
            tag TEXT,
            actor TEXT,
            state TEXT NOT NULL,
            created_at BIGINT NOT NULL
        );
        ALTER TABLE tag_follows ADD COLUMN outside BOOLEAN NOT NULL DEFAULT false;
        ALTER TABLE events ADD COLUMN open_to_outside BOOLEAN NOT NULL DEFAULT false;
        """,
        // The change stamp's other part, moved by writes that only keep posts from outside (see `ChangeStamp`).
        "CREATE SEQUENCE outside_change_stamp;",
    ]

    /// Brings the database up to the latest step, or throws when it is newer than this build.
    static func migrate(_ database: PostgresDatabase) async throws {
        try await database.withConnection { db in
            // Locked first: two sessions creating the same table at once can collide in the catalog.
            try await db.run("SELECT pg_advisory_lock(?)", [lockKey])
            do {
                try await db.run("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
                let current = Int(try await db.scalar("SELECT max(version) FROM schema_version") ?? 0)
                guard current <= steps.count else { throw StoreError.newerSchema(found: current, supported: steps.count) }
                for (index, step) in steps.enumerated() where index >= current {
                    try await db.transaction {
                        try await db.runScript(step)
                        try await db.run("DELETE FROM schema_version")
                        try await db.run("INSERT INTO schema_version (version) VALUES (?)", [index + 1])
                    }
                }
                try await db.run("SELECT pg_advisory_unlock(?)", [lockKey])
            } catch {
                _ = try? await db.run("SELECT pg_advisory_unlock(?)", [lockKey])
                throw error
            }
        }
    }

    /// The schema version a database has.
    static func storedVersion(_ database: PostgresDatabase) async throws -> Int {
        try await database.read { Int(try await $0.scalar("SELECT max(version) FROM schema_version") ?? 0) }
    }
}
