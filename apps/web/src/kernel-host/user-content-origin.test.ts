import { describe, expect, it } from 'vitest';
import { userContentOrigin } from './user-content-origin.ts';

describe('userContentOrigin', () => {
  it('runs cells on 127.0.0.1 when the app is on localhost, and the other way round, keeping the port', () => {
    expect(userContentOrigin('http://localhost:3000', null)).toBe('http://127.0.0.1:3000');
    expect(userContentOrigin('http://127.0.0.1:41234', null)).toBe('http://localhost:41234');
  });

  it('uses the configured origin', () => {
    expect(userContentOrigin('https://cohort.example', 'https://usercontent.cohort.example')).toBe('https://usercontent.cohort.example');
  });

  it('has no user-content origin for another host without configuration, or when it would be the app itself', () => {
    expect(userContentOrigin('https://cohort.example', null)).toBeNull();
    expect(userContentOrigin('https://cohort.example', 'https://cohort.example')).toBeNull();
  });
});
