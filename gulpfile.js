const { src, dest } = require('gulp');

// tsc compiles only TypeScript; n8n also needs each node's icons and codex file beside the compiled node.
function copyIconsAndCodex() {
	return src(['nodes/**/*.{png,svg,node.json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyIconsAndCodex;
