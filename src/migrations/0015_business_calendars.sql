CREATE TABLE "business_calendars" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"weekly" jsonb NOT NULL,
	"hour_sets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"holidays" text[] DEFAULT '{}' NOT NULL,
	"make_up_workdays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "business_calendar_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "business_calendar_id" uuid;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "default_business_calendar_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "business_calendars_workspace_name_idx" ON "business_calendars" USING btree ("workspace_id","name");