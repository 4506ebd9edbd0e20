// Темы обучения (being built).
export default function ThemesPage() {
  return (
    <section className="page">
      <h1>Темы обучения</h1>
      <p className="muted">Раздел в разработке.</p>
    </section>
  );
}
