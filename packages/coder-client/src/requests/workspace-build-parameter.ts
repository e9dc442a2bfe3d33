// A rich parameter value sent with a workspace or build (codersdk.WorkspaceBuildParameter).

export interface WorkspaceBuildParameter {
  name: string;
  value: string;
}
