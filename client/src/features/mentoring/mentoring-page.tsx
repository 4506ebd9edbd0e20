// Наставничество (being built).
export default function MentoringPage() {
  return (
    <section className="page">
      <h1>Наставничество</h1>
      <p className="muted">Раздел в разработке.</p>
    </section>
  );
}
