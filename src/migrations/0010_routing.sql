CREATE TABLE "lead_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"workspace_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"rule_set_version" integer,
	"rule_id" text,
	"strategy" text,
	"team_id" uuid,
	"chosen_user_id" uuid,
	"previous_owner_id" uuid,
	"candidates" jsonb NOT NULL,
	"details" jsonb NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rep_loads" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"open_leads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rep_loads_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "routing_rule_sets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"rules" jsonb NOT NULL,
	"default_target" jsonb NOT NULL,
	"affinity" text DEFAULT 'owner' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "routing_cursors" ADD COLUMN "current_weights" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "routing_strategy" text DEFAULT 'round_robin' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "allow_off_hours" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "default_capacity" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "best_fit" jsonb;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "skills" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "capacity" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "max_new_per_day" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "calendar" jsonb;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "on_leave" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "routing_weight" real DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "lead_assignments_lead_idx" ON "lead_assignments" USING btree ("workspace_id","lead_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "lead_assignments_user_day_idx" ON "lead_assignments" USING btree ("workspace_id","chosen_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_rule_sets_version_idx" ON "routing_rule_sets" USING btree ("workspace_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_rule_sets_one_published_idx" ON "routing_rule_sets" USING btree ("workspace_id") WHERE status = 'published';--> statement-breakpoint
-- A rep's open leads (new, contacted, qualified), kept per statement from the rows it changed:
-- routing reads one row per rep instead of counting their leads on every assignment.
CREATE FUNCTION rep_loads_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO rep_loads (workspace_id, user_id, open_leads)
    SELECT workspace_id, owner_id, count(*) FROM new_rows
    WHERE owner_id IS NOT NULL AND status IN ('new', 'contacted', 'qualified')
    GROUP BY workspace_id, owner_id ORDER BY workspace_id, owner_id
    ON CONFLICT (workspace_id, user_id) DO UPDATE SET open_leads = rep_loads.open_leads + excluded.open_leads;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE rep_loads l SET open_leads = l.open_leads - d.n
    FROM (SELECT workspace_id, owner_id, count(*) AS n FROM old_rows
          WHERE owner_id IS NOT NULL AND status IN ('new', 'contacted', 'qualified')
          GROUP BY workspace_id, owner_id) d
    WHERE l.workspace_id = d.workspace_id AND l.user_id = d.owner_id;
  ELSE
    INSERT INTO rep_loads (workspace_id, user_id, open_leads)
    SELECT workspace_id, owner_id, sum(delta) FROM (
      SELECT workspace_id, owner_id, 1 AS delta FROM new_rows
      WHERE owner_id IS NOT NULL AND status IN ('new', 'contacted', 'qualified')
      UNION ALL
      SELECT workspace_id, owner_id, -1 FROM old_rows
      WHERE owner_id IS NOT NULL AND status IN ('new', 'contacted', 'qualified')
    ) changes
    GROUP BY workspace_id, owner_id HAVING sum(delta) <> 0 ORDER BY workspace_id, owner_id
    ON CONFLICT (workspace_id, user_id) DO UPDATE SET open_leads = rep_loads.open_leads + excluded.open_leads;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER leads_rep_loads_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rep_loads_apply();
--> statement-breakpoint
CREATE TRIGGER leads_rep_loads_update AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rep_loads_apply();
--> statement-breakpoint
CREATE TRIGGER leads_rep_loads_delete AFTER DELETE ON leads REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rep_loads_apply();
--> statement-breakpoint
INSERT INTO rep_loads (workspace_id, user_id, open_leads)
SELECT workspace_id, owner_id, count(*) FROM leads
WHERE owner_id IS NOT NULL AND status IN ('new', 'contacted', 'qualified')
GROUP BY workspace_id, owner_id;
