// Обзор (being built).
export default function DashboardPage() {
  return (
    <section className="page">
      <h1>Обзор</h1>
      <p className="muted">Раздел в разработке.</p>
    </section>
  );
}
