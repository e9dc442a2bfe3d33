// Body of POST .../tasks/{user} (codersdk.CreateTaskRequest).

export interface CreateTaskRequest {
  template_version_id: string;
  template_version_preset_id?: string;
  /** The first prompt of the task. */
  input: string;
  name?: string;
  display_name?: string;
}
