CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"company_key" text,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"lead_id" uuid,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"title" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_stage_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"stage_id" uuid NOT NULL,
	"from_stage_id" uuid,
	"entered_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"skipped" boolean DEFAULT false NOT NULL,
	"skip_reason" text,
	"skipped_stage_ids" uuid[] DEFAULT '{}' NOT NULL,
	"missing" jsonb,
	"actor_type" text NOT NULL,
	"actor_id" uuid
);
--> statement-breakpoint
CREATE TABLE "deal_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"talk_track" text,
	"owner_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"stage_entered_at" timestamp with time zone NOT NULL,
	"owner_id" uuid,
	"team_id" uuid,
	"name" text NOT NULL,
	"amount" numeric(16, 2),
	"product" text,
	"expected_close_at" timestamp with time zone,
	"existing_systems" text,
	"decision_process" text,
	"acceptance_criteria" text,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_stages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"position" integer NOT NULL,
	"win_probability" real DEFAULT 0 NOT NULL,
	"required_fields" text[] DEFAULT '{}' NOT NULL,
	"required_tasks" text[] DEFAULT '{}' NOT NULL,
	"task_templates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipelines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"product_line" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_company_key_idx" ON "accounts" USING btree ("workspace_id","company_key") WHERE company_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX "contacts_account_idx" ON "contacts" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_stage_history_deal_idx" ON "deal_stage_history" USING btree ("workspace_id","deal_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_tasks_stage_key_idx" ON "deal_tasks" USING btree ("deal_id","stage_id","key");--> statement-breakpoint
CREATE INDEX "deal_tasks_owner_idx" ON "deal_tasks" USING btree ("workspace_id","owner_id","status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deals_lead_idx" ON "deals" USING btree ("workspace_id","lead_id");--> statement-breakpoint
CREATE INDEX "deals_owner_idx" ON "deals" USING btree ("workspace_id","owner_id");--> statement-breakpoint
CREATE INDEX "deals_account_idx" ON "deals" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "pipeline_stages_pipeline_idx" ON "pipeline_stages" USING btree ("workspace_id","pipeline_id","position");--> statement-breakpoint
CREATE INDEX "pipelines_workspace_idx" ON "pipelines" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "pipelines_default_idx" ON "pipelines" USING btree ("workspace_id") WHERE is_default;