ALTER TABLE "notification_deliveries" ALTER COLUMN "channel_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD COLUMN "recipient" text;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "wants_email" boolean GENERATED ALWAYS AS (coalesce((preferences->'channels') ? 'email', false) OR jsonb_path_exists(preferences, '$.byEvent.*[*] ? (@ == "email")')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "notification_preferences_email_idx" ON "notification_preferences" USING btree ("workspace_id") WHERE wants_email;