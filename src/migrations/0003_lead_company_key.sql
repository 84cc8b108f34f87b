ALTER TABLE "leads" ADD COLUMN "company_key" text;--> statement-breakpoint
CREATE INDEX "leads_workspace_company_key_idx" ON "leads" USING btree ("workspace_id","company_key");