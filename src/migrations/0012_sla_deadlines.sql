CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"type" text NOT NULL,
	"summary" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_deadlines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	"owner_id" uuid,
	"target" text NOT NULL,
	"step" text NOT NULL,
	"action" text NOT NULL,
	"position" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"done_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"priority" integer NOT NULL,
	"when" jsonb NOT NULL,
	"targets" jsonb NOT NULL,
	"ladder" jsonb NOT NULL,
	"ladders" jsonb NOT NULL,
	"need_tags" text[] DEFAULT '{}' NOT NULL,
	"need_tags_required" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lead_merges" ADD COLUMN "activity_ids" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "sla_step" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "pool_id" uuid;--> statement-breakpoint
CREATE INDEX "activities_lead_idx" ON "activities" USING btree ("workspace_id","lead_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "lead_deadlines_plan_step_idx" ON "lead_deadlines" USING btree ("plan_id","step");--> statement-breakpoint
CREATE INDEX "lead_deadlines_due_idx" ON "lead_deadlines" USING btree ("due_at") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "lead_deadlines_lead_idx" ON "lead_deadlines" USING btree ("workspace_id","lead_id","state");--> statement-breakpoint
CREATE INDEX "sla_policies_workspace_idx" ON "sla_policies" USING btree ("workspace_id","priority");--> statement-breakpoint
-- Deadline workers sleep until the next due step; a statement that adds steps wakes them (on commit) to look again.
CREATE FUNCTION lead_deadlines_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('clew_deadlines', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_deadlines_wake AFTER INSERT ON lead_deadlines
  FOR EACH STATEMENT EXECUTE FUNCTION lead_deadlines_wake();
