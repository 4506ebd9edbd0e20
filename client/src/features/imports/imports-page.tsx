// Импорт (being built).
export default function ImportsPage() {
  return (
    <section className="page">
      <h1>Импорт</h1>
      <p className="muted">Раздел в разработке.</p>
    </section>
  );
}
