console.log('source-research');
