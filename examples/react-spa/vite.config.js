import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react-swc';

// The port is fixed because the redirect URIs registered for the app name it.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
});
