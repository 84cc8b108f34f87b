CREATE TABLE "lead_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"props" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid
);
--> statement-breakpoint
CREATE INDEX "lead_events_lead_idx" ON "lead_events" USING btree ("workspace_id","lead_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "lead_events_type_idx" ON "lead_events" USING btree ("workspace_id","type","at");