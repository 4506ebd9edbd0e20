// Мои наставляемые (being built).
export default function MenteesPage() {
  return (
    <section className="page">
      <h1>Мои наставляемые</h1>
      <p className="muted">Раздел в разработке.</p>
    </section>
  );
}
