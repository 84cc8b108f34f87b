CREATE TABLE "pool_moves" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"pool_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pools" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"team_id" uuid,
	"region" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"settings" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "pool_moves_user_idx" ON "pool_moves" USING btree ("workspace_id","user_id","kind","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pool_moves_lead_idx" ON "pool_moves" USING btree ("workspace_id","lead_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pools_workspace_idx" ON "pools" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "pools_default_idx" ON "pools" USING btree ("workspace_id",coalesce("team_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE is_default;--> statement-breakpoint
CREATE INDEX "leads_workspace_pool_idx" ON "leads" USING btree ("workspace_id","pool_id","created_at" DESC NULLS LAST) WHERE pool_id IS NOT NULL;