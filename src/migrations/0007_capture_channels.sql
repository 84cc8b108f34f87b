CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "channel_hooks" (
	"channel_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"secret_hash" text NOT NULL,
	"secret_prefix" text NOT NULL,
	"preset" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duplicate_candidates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"duplicate_of_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"score" real NOT NULL,
	"found_by" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"channel_id" uuid,
	"campaign" text,
	"fields" jsonb NOT NULL,
	"texts" jsonb NOT NULL,
	"redirect_url" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hook_deliveries" (
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"lead_id" uuid,
	"status" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hook_deliveries_workspace_id_channel_id_external_id_pk" PRIMARY KEY("workspace_id","channel_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "import_errors" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"status" text NOT NULL,
	"code" text NOT NULL,
	"field" text,
	"message" text NOT NULL,
	"row" jsonb NOT NULL,
	CONSTRAINT "import_errors_import_id_row_number_pk" PRIMARY KEY("import_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_by" uuid,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"format" text NOT NULL,
	"file_path" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"dedupe_policy" text DEFAULT 'merge' NOT NULL,
	"channel_id" uuid,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"merged" integer DEFAULT 0 NOT NULL,
	"quarantined" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"error" text,
	"heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lead_merges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"survivor_before" jsonb NOT NULL,
	"survivor_after" jsonb NOT NULL,
	"merged_row" jsonb,
	"touch_ids" uuid[] NOT NULL,
	"event_ids" uuid[] NOT NULL,
	"merged_by" uuid,
	"merged_at" timestamp with time zone NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" uuid
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "dedupe_policy" text DEFAULT 'merge' NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD COLUMN "kind" text DEFAULT 'rejected' NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD COLUMN "channel_id" uuid;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD COLUMN "client_ip" text;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD COLUMN "resolved_lead_id" uuid;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD COLUMN "resolved_by" uuid;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "name_key" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "company_match_threshold" real DEFAULT 0.5 NOT NULL;--> statement-breakpoint
CREATE INDEX "channel_hooks_workspace_idx" ON "channel_hooks" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_candidates_pair_idx" ON "duplicate_candidates" USING btree ("workspace_id","lead_id","duplicate_of_id");--> statement-breakpoint
CREATE INDEX "duplicate_candidates_open_idx" ON "duplicate_candidates" USING btree ("workspace_id","created_at" DESC NULLS LAST) WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "forms_slug_idx" ON "forms" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "forms_workspace_idx" ON "forms" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "imports_workspace_idx" ON "imports" USING btree ("workspace_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "imports_running_idx" ON "imports" USING btree ("heartbeat_at") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "lead_merges_survivor_idx" ON "lead_merges" USING btree ("workspace_id","survivor_id","merged_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "intake_rejections_open_idx" ON "intake_rejections" USING btree ("workspace_id","kind","received_at" DESC NULLS LAST) WHERE resolution IS NULL;--> statement-breakpoint
CREATE INDEX "leads_company_key_trgm_idx" ON "leads" USING gin ("company_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "leads_workspace_name_key_idx" ON "leads" USING btree ("workspace_id","name_key");--> statement-breakpoint
UPDATE "leads" SET "name_key" = lower(regexp_replace("name", '[[:space:][:punct:]]', '', 'g'));
