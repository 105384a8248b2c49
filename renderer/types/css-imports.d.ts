// A screen's own stylesheet imported next to its component (`import './shift.css'`): Vite bundles it.
declare module '*.css';
