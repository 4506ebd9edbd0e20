// Queries about monitoring campaigns: which one is running in a region, and what it includes.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export interface CampaignRef { id: string; title: string; wave: "input" | "intermediate" | "final" }

/** The running campaign of a region that includes the instrument, if any. */
export async function findActiveCampaign(db: Kysely<Database>, regionId: string, instrumentId: string): Promise<CampaignRef | undefined> {
  return db.selectFrom("campaigns as c")
    .innerJoin("campaign_instruments as ci", "ci.campaign_id", "c.id")
    .select(["c.id", "c.title", "c.wave"])
    .where("c.region_id", "=", regionId).where("c.status", "=", "active").where("ci.instrument_id", "=", instrumentId)
    .executeTakeFirst();
}

/** Instruments of the region's running campaign. */
export async function activeCampaignInstruments(db: Kysely<Database>, regionId: string): Promise<{ campaign: CampaignRef; instrumentIds: string[] } | undefined> {
  const campaign = await db.selectFrom("campaigns").select(["id", "title", "wave"])
    .where("region_id", "=", regionId).where("status", "=", "active").executeTakeFirst();
  if (!campaign) return undefined;
  const rows = await db.selectFrom("campaign_instruments").select("instrument_id").where("campaign_id", "=", campaign.id).execute();
  return { campaign, instrumentIds: rows.map((r) => r.instrument_id) };
}
