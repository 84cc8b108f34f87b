CREATE TABLE "scoring_configs" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"active_model_id" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scoring_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"cursor" uuid,
	"error" text,
	"heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scoring_models" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"exclude" text[] NOT NULL,
	"requested_by" uuid,
	"model" jsonb,
	"report" jsonb,
	"error" text,
	"heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scoring_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"when" jsonb NOT NULL,
	"group" text,
	"points" integer,
	"level" text,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "score" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "grade" text DEFAULT 'D' NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "urgency" text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "urgency_reason" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "win_probability" real;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "score_factors" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "rescore_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "scoring_jobs_workspace_idx" ON "scoring_jobs" USING btree ("workspace_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "scoring_jobs_open_idx" ON "scoring_jobs" USING btree ("created_at") WHERE status IN ('queued', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "scoring_models_version_idx" ON "scoring_models" USING btree ("workspace_id","version");--> statement-breakpoint
CREATE INDEX "scoring_models_training_idx" ON "scoring_models" USING btree ("created_at") WHERE status = 'training';--> statement-breakpoint
CREATE INDEX "scoring_rules_workspace_idx" ON "scoring_rules" USING btree ("workspace_id","kind","position");--> statement-breakpoint
CREATE INDEX "leads_rescore_idx" ON "leads" USING btree ("rescore_at") WHERE rescore_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "leads_workspace_closed_idx" ON "leads" USING btree ("workspace_id","closed_at") WHERE status IN ('won', 'lost');