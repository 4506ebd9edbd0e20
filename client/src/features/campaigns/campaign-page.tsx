// Кампания (being built).
export default function CampaignPage({ campaignId }: { campaignId: string }) {
  void campaignId;
  return (
    <section className="page">
      <h1>Кампания</h1>
      <p className="muted">Раздел в разработке.</p>
    </section>
  );
}
