/**
 * The team catalog as hooks: the token (Settings → Team), who the server says you are, the
 * outbox, sharing, the team list (filtered, sorted and paged by the server) and "Import to my
 * workspace". `useTeamOutbox` mounts the flusher once, in the app shell.
 */
import { useEffect } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TeamListQuery } from '../../core/team/api';
import { artifactsById, dismissShare, getTeamToken, listOutbox, queueShare, requeueAuthRefusals, retryShare, setTeamToken } from '../../store';
import { appDb } from '../lib/db';
import { importBundleInWorker } from '../lib/bundle-worker';
import { onFlushRound, outboxFlusher, servedByTeamServer, teamClient } from '../lib/team';
import { TeamError, TeamUnreachableError, teamErrorText, type TeamHealth } from '../lib/team-client';
import { keys } from './keys';
import { invalidateWorkerWrite, synced } from './sync';

/** Refresh of the team views while they are open (other people share too). */
export const TEAM_REFRESH_MS = 5_000;

/** Mount once, in the app shell: sends pending shares now, when back online, and after a backoff. */
export function useTeamOutbox(): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!servedByTeamServer()) return;
    const f = outboxFlusher();
    const off = onFlushRound(() => void qc.invalidateQueries({ queryKey: keys.team() }));
    f.start();
    return () => {
      off();
      f.stop();
    };
  }, [qc]);
}

export function useTeamToken() {
  return useQuery({ queryKey: keys.teamToken(), queryFn: async () => (await getTeamToken(appDb())) ?? '' });
}

export interface TeamStatus {
  health: TeamHealth;
  /** Who the token is, when there is a server and a token it knows. */
  me?: { user: string; role: 'read' | 'write' | 'admin' };
  /** Why `me` is missing although there is a server (no token, an unknown token). */
  problem?: string;
}

export function useTeamStatus() {
  return useQuery({
    queryKey: keys.teamStatus(),
    queryFn: async (): Promise<TeamStatus> => {
      if (!servedByTeamServer()) return { health: { kind: 'absent' } };
      const c = teamClient();
      const health = await c.health();
      if (health.kind !== 'ok') return { health };
      try {
        return { health, me: await c.me() };
      } catch (error) {
        if (error instanceof TeamError && error.code === 'no_token') return { health };
        return { health, problem: teamErrorText(error) };
      }
    },
    refetchInterval: 30_000,
  });
}

/** Saves (or, with '', forgets) the token; shares refused for the old token go back in the queue. */
export function useSetTeamToken() {
  return useMutation({
    mutationFn: synced(async (token: string) => {
      await setTeamToken(appDb(), token);
      if (token.trim()) {
        await requeueAuthRefusals(appDb());
        void outboxFlusher().kick();
      }
    }),
  });
}

export function useOutbox() {
  return useQuery({ queryKey: keys.outbox(), queryFn: () => listOutbox(appDb()) });
}

/** Queues shares (one outbox entry per artifact version) and starts sending them. */
export function useShareArtifacts() {
  return useMutation({
    mutationFn: synced(async (artifactIds: readonly string[]) => {
      const entries = [];
      for (const id of artifactIds) entries.push(await queueShare(appDb(), id));
      void outboxFlusher().kick();
      return entries;
    }),
  });
}

export function useRetryShare() {
  return useMutation({
    mutationFn: synced(async (id: string) => {
      await retryShare(appDb(), id);
      void outboxFlusher().kick();
    }),
  });
}

export function useDismissShare() {
  return useMutation({ mutationFn: synced((id: string) => dismissShare(appDb(), id)) });
}

/** One page of the team catalog (the server filters, sorts and pages). */
export function useTeamCatalog(query: TeamListQuery, enabled: boolean) {
  return useQuery({
    queryKey: keys.teamList(query),
    queryFn: () => teamClient().list(query),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: TEAM_REFRESH_MS,
    retry: (count, error) => count < 2 && !(error instanceof TeamError && !error.retryLater) && !(error instanceof TeamUnreachableError),
  });
}

/** Pulls a team artifact's bundle and imports it locally (the bundle worker, the usual bundle rules). */
export function useImportTeamArtifact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (args: { id: string; name: string; version: number; sharedBy: string; sharedAt: number }) => {
      const text = await teamClient().bundleText(args.id);
      const file = new File([text], `team-${args.name}-v${args.version}.json`, { type: 'application/json' });
      try {
        const fromTeam = { teamId: args.id, name: args.name, version: args.version, sharedBy: args.sharedBy, sharedAt: args.sharedAt, importedAt: Date.now() };
        const result = await importBundleInWorker(file, { fromTeam });
        // The artifact keeps its record id through an import: find the local version it became.
        const sharedId = (JSON.parse(text) as { artifacts?: Array<{ id?: unknown }> }).artifacts?.[0]?.id;
        const [local] = typeof sharedId === 'string' ? await artifactsById(appDb(), [sharedId]) : [];
        return { result, local: local ? { name: local.name, version: local.version } : undefined };
      } finally {
        await invalidateWorkerWrite(qc);
      }
    },
  });
}
