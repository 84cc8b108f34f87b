DROP INDEX "leads_workspace_company_key_idx";--> statement-breakpoint
CREATE INDEX "leads_workspace_company_key_idx" ON "leads" USING btree ("workspace_id","company_key","created_at" DESC NULLS LAST);