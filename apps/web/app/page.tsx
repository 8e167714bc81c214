import { redirect } from 'next/navigation';
import { LinkButton } from '@/features/shell/link-button';
import { currentUser } from '@/server/page-session';
import styles from './page.module.css';

export default async function Home() {
  if (await currentUser()) redirect('/dashboard');
  return (
    <section className={styles.hero} aria-labelledby="home-title">
      <p className={styles.eyebrow}>Notebooks for study groups</p>
      <h1 id="home-title" className={styles.title}>
        Learn deep learning together, in one notebook.
      </h1>
      <p className={styles.lead}>
        Cohort is a collaborative TypeScript notebook for people who study deep learning in groups. Write cells
        together and see each other&apos;s cursors, train TensorFlow.js models in your browser or on a shared GPU,
        let mentors comment on the exact lines they mean, and keep your group&apos;s notebooks and datasets in one
        place.
      </p>
      <div className={styles.actions}>
        <LinkButton href="/signup" variant="primary">
          Sign up
        </LinkButton>
        <LinkButton href="/signin">Sign in</LinkButton>
      </div>
    </section>
  );
}
