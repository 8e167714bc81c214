import { describe, expect, it } from 'vitest';
import { collaborators, distinctPeople } from './collaborators.ts';

const ben = { name: 'Ben', handle: 'ben', color: '#0090FF' };

describe('collaborators', () => {
  it('lists everyone else with a well-formed user, dropping states whose colour could inject CSS', () => {
    const states = new Map<number, unknown>([
      [1, { user: { name: 'Ana', handle: 'ana', color: '#e5484d' } }],
      [2, { user: ben, cursor: { cellId: 'c1', anchor: null, head: null } }],
      [3, { user: { name: 'Eve', handle: 'eve', color: 'red; background: url(x)' } }],
      [4, { cursor: { cellId: 'c1' } }],
      [5, null],
    ]);
    expect(collaborators(states, 1)).toEqual([
      { clientId: 2, name: 'Ben', handle: 'ben', color: '#0090ff', cursor: { cellId: 'c1', anchor: null, head: null } },
    ]);
  });

  it('shows a person with two tabs once', () => {
    const states = new Map<number, unknown>([
      [2, { user: ben }],
      [3, { user: ben }],
    ]);
    expect(distinctPeople(collaborators(states, 1)).map((person) => person.clientId)).toEqual([2]);
  });
});
