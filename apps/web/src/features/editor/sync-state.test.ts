import { describe, expect, it } from 'vitest';
import { syncState, type SyncFacts } from './sync-state.ts';

const saved: SyncFacts = {
  online: true,
  socket: 'open',
  synced: true,
  sentUpdates: 3,
  persisted: { updates: 3, stateVector: new Map([[1, 10], [2, 4]]) },
  localChanges: new Map([[1, 10]]),
};

describe('syncState', () => {
  it('is saved once the server acknowledged every update frame sent and stores every local change', () => {
    expect(syncState(saved)).toBe('saved');
  });

  it('is syncing while an update frame is unacknowledged, even a deletion that leaves the state vector as it was', () => {
    expect(syncState({ ...saved, sentUpdates: 4 })).toBe('syncing');
  });

  it('is syncing while a local change (say, one made offline and loaded from IndexedDB) is not stored', () => {
    expect(syncState({ ...saved, localChanges: new Map([[1, 10], [7, 1]]) })).toBe('syncing');
    expect(syncState({ ...saved, localChanges: new Map([[1, 11]]) })).toBe('syncing');
  });

  it('is syncing while connecting, before the first sync and before the first acknowledgement', () => {
    expect(syncState({ ...saved, socket: 'connecting' })).toBe('syncing');
    expect(syncState({ ...saved, synced: false })).toBe('syncing');
    expect(syncState({ ...saved, persisted: null })).toBe('syncing');
  });

  it('is offline when the browser is offline or the socket is closed, whatever was saved', () => {
    expect(syncState({ ...saved, online: false })).toBe('offline');
    expect(syncState({ ...saved, socket: 'closed' })).toBe('offline');
  });

  it('is refused when the server closed the socket for good', () => {
    expect(syncState({ ...saved, socket: 'refused' })).toBe('refused');
  });
});
