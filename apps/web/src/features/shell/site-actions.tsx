import { ThemeToggle } from '@/components';
import { currentUser } from '@/server/page-session';
import { AccountMenu } from './account-menu.tsx';
import { LinkButton } from './link-button.tsx';
import { TopNav } from './top-nav.tsx';

/** The right side of the top bar: navigation and account for a signed-in user, sign-in links otherwise. */
export async function SiteActions() {
  const user = await currentUser();
  if (!user) {
    return (
      <>
        <ThemeToggle />
        <LinkButton href="/signin" variant="ghost" size="sm">
          Sign in
        </LinkButton>
        <LinkButton href="/signup" variant="primary" size="sm">
          Sign up
        </LinkButton>
      </>
    );
  }
  return (
    <>
      <TopNav />
      <ThemeToggle />
      <AccountMenu name={user.name} handle={user.handle} />
    </>
  );
}
