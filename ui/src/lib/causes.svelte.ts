// The team's causes of complaints, for what goals and measures about a cause are called
// and offered. Loaded from the backend when a view that names them opens; read anywhere.

import { api } from "./api";
import type { CauseEntry } from "./bindings";

export const causes = $state<{ list: CauseEntry[] }>({ list: [] });

/** The causes new goals and measures can name: the team's, without the retired ones. */
export function activeCauses(): CauseEntry[] {
  return causes.list.filter((c) => !c.retired);
}

/** Loads (again) the team's causes; a failure leaves the last list. */
export async function loadCauses(): Promise<void> {
  try {
    causes.list = (await api.feedbackSetup()).causes;
  } catch {
    // The codes are shown as they are until the list comes.
  }
}
