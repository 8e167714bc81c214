/** localStorage key holding the explicit theme choice ("light" or "dark"; absent = system). */
export const THEME_STORAGE_KEY = 'cohort-theme';

/**
 * Applies the stored theme before first paint. Kept out of the 'use client' module so server
 * layouts can import it: `<script dangerouslySetInnerHTML={{ __html: themeInitScript }} />` in
 * <head>, with `suppressHydrationWarning` on <html> since it sets data-theme there.
 */
export const themeInitScript = `try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;
