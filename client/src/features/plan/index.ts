// The plan feature's parts for other pages (the mentee's page): the plan and the meetings of one teacher.
export { PlanPanel } from "./plan-panel";
export { MeetingsPanel } from "./meetings-panel";
export type { PlanMode } from "./plan-api";
