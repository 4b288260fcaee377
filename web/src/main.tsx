import { render } from 'preact';
import { App } from './app';
import { applyTheme, theme } from './ui/theme';
import { reportError } from './ui/notices';
import './styles.css';

applyTheme(theme.get());
addEventListener('unhandledrejection', (e) => reportError(e.reason));
render(<App />, document.getElementById('app')!);
