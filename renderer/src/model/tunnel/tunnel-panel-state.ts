import type { TunnelProviderName, TunnelSettingsView, TunnelStatus } from '../../../../shared/api/tunnel-routes.js';
import { SnapshotStore } from '../common/snapshot-store.js';

export interface TunnelPanelSnapshot {
  open: boolean;
  /** The provider picked in the panel; null: the one in use, else the one remembered, else Cloudflare. */
  provider: TunnelProviderName | null;
}

/** The provider the panel shows picked: the user's pick, the one running, the one remembered, or the one that needs nothing. */
export function pickedProvider(
  picked: TunnelProviderName | null,
  status: TunnelStatus | null,
  settings: TunnelSettingsView | null,
): TunnelProviderName {
  return picked ?? status?.provider ?? settings?.provider ?? 'cloudflare';
}

/** Whether the tunnel panel is open and which provider it has picked; any view may open it (the empty inbox does). */
export class TunnelPanelState extends SnapshotStore<TunnelPanelSnapshot> {
  protected snapshot: TunnelPanelSnapshot = { open: false, provider: null };

  /** Opens the panel, with a provider picked when given (else the last pick stays). */
  open(provider?: TunnelProviderName): void {
    this.set({ open: true, provider: provider ?? this.snapshot.provider });
  }

  close(): void {
    if (this.snapshot.open) this.set({ ...this.snapshot, open: false });
  }

  toggle(): void {
    if (this.snapshot.open) this.close();
    else this.open();
  }

  pick(provider: TunnelProviderName): void {
    this.set({ ...this.snapshot, provider });
  }

  private set(snapshot: TunnelPanelSnapshot): void {
    this.snapshot = snapshot;
    this.notify();
  }
}
