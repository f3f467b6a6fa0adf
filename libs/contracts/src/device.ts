/** An RFC 8628 device authorization as the admin API shows it (never its codes). */
export interface DeviceAuthorizationView {
  id: string;
  client_id: string;
  scope: string;
  status: 'pending' | 'approved' | 'denied';
  created_at: string;
  expires_at: string;
}
