// Кампании (being built).
export default function CampaignsPage() {
  return (
    <section className="page">
      <h1>Кампании</h1>
      <p className="muted">Раздел в разработке.</p>
    </section>
  );
}
