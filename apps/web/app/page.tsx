export default function Home() {
  return <main>Cohort</main>;
}
