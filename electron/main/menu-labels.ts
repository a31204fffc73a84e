/** The native menu in both languages; tests/unit/shell/menu.test.ts checks they match key for key. */
export const MENU_LABELS = {
  en: {
    app: 'Kluis',
    lock: 'Lock vault',
    quit: 'Quit Kluis',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetZoom: 'Actual size',
    fullscreen: 'Full screen',
    window: 'Window',
    minimize: 'Minimise',
    close: 'Close window',
    about: 'About Kluis',
  },
  nl: {
    app: 'Kluis',
    lock: 'Kluis vergrendelen',
    quit: 'Kluis afsluiten',
    edit: 'Bewerken',
    undo: 'Ongedaan maken',
    redo: 'Opnieuw',
    cut: 'Knippen',
    copy: 'Kopiëren',
    paste: 'Plakken',
    selectAll: 'Alles selecteren',
    view: 'Beeld',
    zoomIn: 'Inzoomen',
    zoomOut: 'Uitzoomen',
    resetZoom: 'Werkelijke grootte',
    fullscreen: 'Volledig scherm',
    window: 'Venster',
    minimize: 'Minimaliseren',
    close: 'Venster sluiten',
    about: 'Over Kluis',
  },
} as const;

export type MenuLang = keyof typeof MENU_LABELS;

export function menuLang(locale: string): MenuLang {
  return locale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}
