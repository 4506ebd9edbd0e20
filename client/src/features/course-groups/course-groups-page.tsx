// Учебные группы (being built).
export default function CourseGroupsPage() {
  return (
    <section className="page">
      <h1>Учебные группы</h1>
      <p className="muted">Раздел в разработке.</p>
    </section>
  );
}
