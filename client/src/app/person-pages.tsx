// The person page composed from features: the profile's page with the waves, deficit details, plan and meetings passed in.
import { MeetingsPanel, PlanPanel } from "../features/plan";
import ProfilePage from "../features/profile/profile-page";
import type { PersonPanels } from "../features/profile/profile-api";
import { DeficitDetails } from "../features/progress/deficit-details";
import { ProgressPanel } from "../features/progress/progress-panel";

/** Features never import each other (shared → features → app): the app hands the profile page the other features' panels. */
const panels: PersonPanels = {
  progress: (userId) => <ProgressPanel {...(userId ? { userId } : {})} />,
  deficits: (userId) => <DeficitDetails userId={userId} />,
  plan: (userId, mode) => <PlanPanel userId={userId} mode={mode} />,
  meetings: (userId, mode) => <MeetingsPanel userId={userId} mode={mode} />,
};

/** /profile (own) and /people/:id (a person the viewer may see). */
export default function PersonPage({ userId }: { userId?: string }) {
  return <ProfilePage {...(userId ? { userId } : {})} panels={panels} />;
}
