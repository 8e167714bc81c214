import type { IForbiddenRuleType } from 'dependency-cruiser';

/** DESIGN.md's arrows: apps import packages; packages never import apps; no cycles. */
export const architectureRules: IForbiddenRuleType[] = [
  {
    name: 'package-imports-app',
    comment: 'Packages are shared by every app; an app is never a dependency of a package.',
    severity: 'error',
    from: { path: '^packages/' },
    to: { path: '^apps/' },
  },
  {
    name: 'no-cycles',
    comment: 'Imports form no cycle.',
    severity: 'error',
    from: {},
    to: { circular: true },
  },
  {
    name: 'pure-packages-stay-pure',
    comment: 'notebook and compiler import no other package of ours.',
    severity: 'error',
    from: { path: '^packages/(notebook|compiler)/' },
    to: { path: '^packages/', pathNot: '^packages/$1/' },
  },
];
